#!/usr/bin/env bash
# Runs real JMeter (5.6.3, non-GUI: -n -t plan.jmx -l out.jtl) and real Gatling (3.10.5, io.gatling.app.Gatling)
# from Maven Central against nginx on loopback, imports each tool's own result file with `stressgate import`, and
# fails unless the imported request count equals the count in nginx's access log (the server's own count) and the
# gates in gates.yml decide as planned. Gatling runs under strace: every connect() it makes must go to a loopback
# address (its release check goes to the JVM's proxy, pointed at a closed loopback port; warm-up and analytics are
# off). The same run at a small size is RealToolsImportIT in `mvn verify`; this script runs it at bench size. Both lay
# out the tools with bench/real-tools/pom.xml (about 130 MB of jars from Maven Central the first time) and use the
# same plan, simulation, gatling/conf and gates.
#
#   bench/real-tools/run.sh            REQUESTS: JMETER_THREADS x JMETER_LOOPS x 2, GATLING_RATE x GATLING_SECONDS x 2
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=$ROOT/bench/real-tools
OUT=$ROOT/bench/out/real-tools-$(date -u +%Y%m%dT%H%M%SZ)
WORK=$ROOT/bench/out/real-tools-cache
mkdir -p "$OUT" "$WORK"
PORT=${BENCH_PORT:-18911}
JMETER_THREADS=${JMETER_THREADS:-8} JMETER_LOOPS=${JMETER_LOOPS:-250}
GATLING_RATE=${GATLING_RATE:-50} GATLING_SECONDS=${GATLING_SECONDS:-10}
NGINX_PID=

stop_nginx() {
  if [[ -n $NGINX_PID ]]; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=
  fi
}
trap stop_nginx EXIT

# nginx on loopback with its own access log per tool: $1 is the folder for its files
start_nginx() {
  local dir=$1
  mkdir -p "$dir"
  cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log $dir/access.log;
  server { listen 127.0.0.1:$PORT; location = / { return 200 "ok\n"; } location / { return 404; } }
}
CONF
  nginx -c "$dir/nginx.conf" -p "$dir" &
  NGINX_PID=$!
  for _ in $(seq 50); do
    if (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nginx did not listen on 127.0.0.1:$PORT" >&2
  exit 1
}

served() {
  wc -l < "$1/access.log" | tr -d ' '
}

# stressgate import FORMAT FILE into $OUT/NAME-import (more options after NAME); prints "requests verdict complete version"
import() {
  local format=$1 file=$2 name=$3 code=0
  java -jar "$JAR" import "$format" "$file" --out "$OUT/$name-import" --gates "$HERE/gates.yml" "${@:4}" \
    > "$OUT/$name-import.txt" 2>&1 || code=$?
  python3 - "$OUT/$name-import/results.json" "$code" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(r["imported"]["requests"], r["verdict"], r["imported"]["complete"], r["imported"]["version"], sys.argv[2])
PY
}

check() {
  local name=$1 imported=$2 served=$3 verdict=$4 complete=$5 version=$6 code=$7
  echo "$name $version: imported $imported requests, nginx served $served; verdict $verdict (exit $code), complete $complete" \
    | tee -a "$OUT/results.txt"
  if [[ $imported != "$served" || $verdict != PASSED || $complete != True || $code != 0 ]]; then
    echo "FAIL: $name: the import does not match the server's count or did not pass (see $OUT/$name-import.txt)" \
      | tee -a "$OUT/results.txt"
    FAILED=1
  fi
}

FAILED=0
mvn -B -q -pl stressgate-cli -am package -DskipTests >/dev/null
JAR=$ROOT/stressgate-cli/target/stressgate.jar

# --- JMeter and Gatling from Maven Central, each on its own classpath: a JMeter home and Gatling's lib (pom.xml)
if [[ ! -f $WORK/jmeter/bin/jmeter.properties || ! -d $WORK/gatling/lib ]]; then
  mvn -B -q -f "$HERE/pom.xml" generate-resources -Dreal-tools.dir="$WORK" >/dev/null
fi
JM=$WORK/jmeter
mkdir -p "$JM/lib/junit" # JMeter scans it at start, and stack-traces if missing
start_nginx "$OUT/nginx-jmeter"
java -jar "$JM/bin/ApacheJMeter.jar" -n -t "$HERE/jmeter/plan.jmx" -l "$OUT/jmeter.jtl" -j "$OUT/jmeter.log" \
  -Jhost=127.0.0.1 -Jport="$PORT" -Jthreads="$JMETER_THREADS" -Jloops="$JMETER_LOOPS" > "$OUT/jmeter.out" 2>&1
stop_nginx
read -r imported verdict complete version code < <(import jmeter "$OUT/jmeter.jtl" jmeter --tool-version 5.6.3) # a JTL does not record it
check jmeter "$imported" "$(served "$OUT/nginx-jmeter")" "$verdict" "$complete" "$version" "$code"

# --- Gatling: the simulation compiled against the Maven Central jars, run under strace to see every connect()
GD=$WORK/gatling/lib
mkdir -p "$OUT/gatling/classes"
javac -cp "$GD/*" -d "$OUT/gatling/classes" "$HERE/gatling/ImportSimulation.java"
start_nginx "$OUT/nginx-gatling"
strace -f -qq -e trace=connect -o "$OUT/gatling/connect.trace" \
  java -Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=9 -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=9 \
  -Dtarget="http://127.0.0.1:$PORT" -Drate="$GATLING_RATE" -Dseconds="$GATLING_SECONDS" \
  -cp "$HERE/gatling/conf:$OUT/gatling/classes:$GD/*" io.gatling.app.Gatling -s ImportSimulation \
  -rf "$OUT/gatling/results" -nr > "$OUT/gatling.out" 2>&1
stop_nginx
LOG=$(find "$OUT/gatling/results" -name simulation.log | head -n 1)
read -r imported verdict complete version code < <(import gatling "$LOG" gatling)
check gatling "$imported" "$(served "$OUT/nginx-gatling")" "$verdict" "$complete" "$version" "$code"
# every IPv4/IPv6 connect() Gatling made, by address; anything but loopback fails the bench
outside=$(grep -E 'connect\(.*AF_INET' "$OUT/gatling/connect.trace" \
  | grep -vE 'inet_addr\("127\.[0-9.]+"\)|"::1"|"::ffff:127\.[0-9.]+"' || true)
loopback=$(grep -cE 'connect\(.*AF_INET' "$OUT/gatling/connect.trace" || true)
proxied=$(grep -cE 'connect\(.*htons\(9\)' "$OUT/gatling/connect.trace" || true)
echo "gatling connect(): $loopback to loopback, of which $proxied to the closed proxy port 9 (calls out that the proxy stopped)" \
  | tee -a "$OUT/results.txt"
if [[ -n $outside ]]; then
  echo "FAIL: Gatling connected outside loopback:" | tee -a "$OUT/results.txt"
  echo "$outside" | head -n 5 | tee -a "$OUT/results.txt"
  FAILED=1
fi
echo "results: $OUT/results.txt"
exit $FAILED
