#!/usr/bin/env bash
# Imports a 10-million-line JMeter JTL (issue 11's goal: over 1 million lines/s with a heap under 256 MB).
# bench/import/run.sh [LINES ROUNDS]   (defaults 10000000 3); KEEP=1 keeps the generated JTL in bench/out/import-data
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/bench/out/import-$(date -u +%Y%m%dT%H%M%SZ)
DATA=$ROOT/bench/out/import-data
mkdir -p "$OUT" "$DATA"
LINES=${1:-10000000}
JTL=$DATA/samples-$LINES.jtl
mvn -B -o -q -pl stressgate-engine compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="$ROOT/stressgate-engine/target/classes:$(cat "$OUT/classpath.txt")"
java -Xmx256m -Xlog:gc:file="$OUT/gc.log" -cp "$CP" "$ROOT/bench/import/ImportBench.java" "$LINES" "$JTL" "${2:-3}" \
  2> "$OUT/import.log" | tee "$OUT/results.txt"
start=$(date +%s.%N)
wc -l < "$JTL" > /dev/null
end=$(date +%s.%N)
echo "peer: wc -l on the same file: $(echo "$LINES / ($end - $start)" | bc) lines/s" | tee -a "$OUT/results.txt"
[ "${KEEP:-0}" = 1 ] || rm -f "$JTL"
echo "results: $OUT/results.txt"
