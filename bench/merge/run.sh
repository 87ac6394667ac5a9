#!/usr/bin/env bash
# The merge of 16 shards x 1 h of 1 s intervals (issue 10's goal: under 2 s and 256 MB of heap).
# bench/merge/run.sh [SHARDS INTERVALS REQUESTS_PER_INTERVAL]   (defaults 16 3600 1000)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/bench/out/merge-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
mvn -B -o -q -pl stressgate-engine compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="$ROOT/stressgate-engine/target/classes:$(cat "$OUT/classpath.txt")"
java -Xmx256m -cp "$CP" "$ROOT/bench/merge/MergeBench.java" "${1:-16}" "${2:-3600}" "${3:-1000}" "$OUT/data" \
  2> "$OUT/merge.log" | tee "$OUT/results.txt"
rm -rf "$OUT/data"
echo "results: $OUT/results.txt"
