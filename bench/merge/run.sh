#!/usr/bin/env bash
# The merge of 16 shards x 1 h of 1 s intervals (issue 10's goal: under 2 s and 256 MB of heap).
# bench/merge/run.sh [SHARDS INTERVALS REQUESTS_PER_INTERVAL]   (defaults 16 3600 1000)
# ROUNDS=N (default 5) rounds of the command; BEFORE_JAR=path/to/stressgate.jar runs that jar's merge too, with the
# launcher's merge flags, in each round just before this tree's, so before and after meet the same load.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/bench/out/merge-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
mvn -B -q -pl stressgate-engine compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
mvn -B -q -pl stressgate-cli -am package -DskipTests >/dev/null
CP="$ROOT/stressgate-engine/target/classes:$(cat "$OUT/classpath.txt")"
java -Xmx256m -cp "$CP" "$ROOT/bench/merge/MergeBench.java" "${1:-16}" "${2:-3600}" "${3:-1000}" "$OUT/data" \
  2> "$OUT/merge.log" | tee "$OUT/results.txt"
# The real command through the launcher (./stressgate merge: its JVM flags), in a fresh JVM, reading, merging and
# writing every report (results.json, report.html, summary.md, junit.xml), timed from outside; the peak heap is the
# most the GC log saw in use before a collection. Beside it in the same run, the peer: jq reading the same 16 files
# (`jq -s length`, parsing only). ROUNDS rounds, alternating, with the load average as each began.
SHARD_DIRS=$(ls -d "$OUT"/data/shard-* | sort -V)
SHARD_FILES=$(for d in $SHARD_DIRS; do echo "$d/results.json"; done)
for round in $(seq 1 "${ROUNDS:-5}"); do
  if [[ -n "${BEFORE_JAR:-}" ]]; then
    load=$(cut -d' ' -f1 /proc/loadavg)
    rm -rf "$OUT/merged-before"
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/before-time.txt" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m \
      -Xlog:gc:file="$OUT/before-gc-$round.log" -jar "$BEFORE_JAR" merge $SHARD_DIRS --out "$OUT/merged-before" \
      > "$OUT/before.out" 2>&1 && rc=0 || rc=$?
    read -r wall user sys rss < <(tail -1 "$OUT/before-time.txt")
    peak=$(grep -o '[0-9]*M->' "$OUT/before-gc-$round.log" | sed 's/M->//' | sort -n | tail -1)
    printf 'round %d (load %s): before (%s): exit %s, %s s wall, %.2f s CPU (user %s + sys %s), peak heap in use %s MB (GC log), max RSS %d MB\n' \
      "$round" "$load" "$BEFORE_JAR" "$rc" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" "${peak:-?}" "$((rss / 1024))" \
      | tee -a "$OUT/results.txt"
  fi
  load=$(cut -d' ' -f1 /proc/loadavg)
  rm -rf "$OUT/merged"
  STRESSGATE_JAVA_OPTS="-Xmx256m -Xlog:gc:file=$OUT/cli-gc-$round.log" /usr/bin/time -f "%e %U %S %M" -o "$OUT/cli-time.txt" \
    "$ROOT/stressgate" merge $SHARD_DIRS --out "$OUT/merged" > "$OUT/cli.out" 2>&1 && rc=0 || rc=$?
  read -r wall user sys rss < <(tail -1 "$OUT/cli-time.txt")
  peak=$(grep -o '[0-9]*M->' "$OUT/cli-gc-$round.log" | sed 's/M->//' | sort -n | tail -1)
  printf 'round %d (load %s): stressgate merge (launcher, fresh JVM, -Xmx256m, all reports): exit %s, %s s wall, %.2f s CPU (user %s + sys %s), ' \
    "$round" "$load" "$rc" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" | tee -a "$OUT/results.txt"
  printf 'peak heap in use %s MB (GC log), max RSS %d MB\n' "${peak:-?}" "$((rss / 1024))" | tee -a "$OUT/results.txt"
  if command -v jq > /dev/null; then
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S" -o "$OUT/jq-time.txt" jq -s length $SHARD_FILES > /dev/null
    read -r wall user sys < <(tail -1 "$OUT/jq-time.txt")
    printf 'round %d: peer, jq -s length over the same files (parse only): %s s wall, %.2f s CPU\n' "$round" "$wall" \
      "$(echo "$user + $sys" | bc)" | tee -a "$OUT/results.txt"
  fi
done
rm -rf "$OUT/data" "$OUT/merged" "$OUT/merged-before"
echo "results: $OUT/results.txt"
