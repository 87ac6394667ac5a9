#!/usr/bin/env bash
# JMH benchmarks of the load hot path (encoding, parsing, recording) and of the job ledger's record path.
# Builds the engine's jar from this checkout, compiles the benchmarks against it and runs them with -prof gc, so
# each line shows ns/op and B/op (gc.alloc.rate.norm). Extra arguments go to JMH, e.g. a regex of benchmarks:
#   bench/jmh/run.sh Encode            # only the encoding benchmarks
#   bench/jmh/run.sh -f 1 -wi 2 -i 3   # a quicker run
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

(cd "$repo" && mvn -B -o -q package -pl stressgate-engine -DskipTests)
jar=$(ls "$repo"/stressgate-engine/target/stressgate-engine-*.jar | grep -v -e sources -e javadoc | head -1)
(cd "$repo" && mvn -B -o -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -pl stressgate-engine -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$here/target/engine.classpath")
(cd "$here" && mvn -B -o -q compile -Dengine.jar="$jar" && mvn -B -o -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dengine.jar="$jar" -Dmdep.outputFile="$here/target/jmh.classpath")

cp="$here/target/classes:$jar:$(cat "$here/target/engine.classpath"):$(cat "$here/target/jmh.classpath")"
# JMH's own defaults (5 forks of 10 x 10 s) take a quarter of an hour per benchmark: without options, a shorter run
args=("$@")
if [[ " $* " != *" -"* ]]; then
    args=(-f 1 -wi 3 -w 2s -i 5 -r 2s "$@")
fi
java -cp "$cp" org.openjdk.jmh.Main -prof gc -rf text -rff "$here/target/jmh-result.txt" "${args[@]}" \
    | tee "$here/target/jmh-output.txt" \
    | grep -E '^Benchmark|Bench\.[A-Za-z]+(:[A-Za-z]+)? +avgt|gc\.alloc\.rate\.norm +avgt' || true
echo "full output: $here/target/jmh-output.txt"
