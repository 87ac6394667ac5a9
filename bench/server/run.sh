#!/usr/bin/env bash
# The reporting service benchmark (not a test, not run by mvn verify): ingest throughput with 16 concurrent
# uploaders and the job page of a job with 1,000 builds, on SQLite (WAL, synchronous=FULL) and on PostgreSQL (the
# embedded binaries, fsync and synchronous_commit on). Service, uploaders and PostgreSQL share this machine's cores,
# so the figures are a floor for a dedicated host. Goals: >= 200 runs/s ingest on SQLite, job page < 200 ms.
#
#   bench/server/run.sh [--quick]        (--quick: 50 runs per uploader instead of 200, 20 page requests)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/bench/out/server-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
PER_UPLOADER=200 HISTORY=1000 PAGES=100
if [[ "${1:-}" == "--quick" ]]; then PER_UPLOADER=50 PAGES=20; fi

# the job page is timed in headless Chromium: install it as test.sh does when it is missing
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "bench/server: installing ${missing[*]} from Debian" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bench/server: the page timings need ${missing[*]} (Debian: apt-get install -y ${missing[*]})" >&2
    exit 2
  fi
fi

mvn -B -o -q -pl stressgate-server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=test >/dev/null
CP="$ROOT/stressgate-server/target/test-classes:$ROOT/stressgate-server/target/classes:$ROOT/stressgate-engine/target/classes:$(cat "$OUT/classpath.txt")"

for store in sqlite postgres; do
  java -Xmx1g -cp "$CP" "$ROOT/bench/server/ServerBench.java" "$store" "$PER_UPLOADER" "$HISTORY" "$PAGES" "$OUT/data" \
    2> "$OUT/$store.log" | tee -a "$OUT/results.txt"
done
rm -rf "$OUT/data"
echo "results: $OUT/results.txt"
