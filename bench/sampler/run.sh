#!/usr/bin/env bash
# The resource sampler's CPU cost at 10 Hz for 10, 50 and 200 watched idle processes, beside a ps loop doing the
# same job (see SamplerBench.java). Not a test: the machine is shared, so read the ratios.
#
#   bench/sampler/run.sh [COUNT...]        (default 10 50 200; -Dwindow=20 -Dwarmup=5 through JAVA_OPTS)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
JAR=$ROOT/stressgate-cli/target/stressgate.jar
[[ -f $JAR ]] || mvn -B -q -DskipTests package
exec java ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" \
  "$ROOT/bench/sampler/SamplerBench.java" "$@"
