#!/usr/bin/env bash
# HTTP/2 load beside h2load (Debian nghttp2-client) against the same nginx on loopback, in the same run: h2c with
# prior knowledge and h2 over TLS, CLIENTS connections with STREAMS concurrent streams each (stressgate: one event
# loop, CLIENTS x STREAMS virtual users, maxStreams STREAMS, so it opens CLIENTS connections), 10 s each, interleaved
# over 3 rounds, and prints each stressgate figure as a ratio to h2load's in the same round.
# It is not a test: these machines are noisy, so only ratios measured side by side mean anything.
#
#   bench/h2/run.sh [--quick]          --quick: 1 round of 5 s
#   H2_CLIENTS=16 H2_STREAMS=10 bench/h2/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/bench/out/h2-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
ROUNDS=3 SECONDS_EACH=10
for arg in "$@"; do
  case $arg in
    --quick) ROUNDS=1 SECONDS_EACH=5 ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done
CLIENTS=${H2_CLIENTS:-16} STREAMS=${H2_STREAMS:-10}
VUS=$((CLIENTS * STREAMS))
H2C_PORT=${BENCH_H2C_PORT:-18282} TLS_PORT=${BENCH_TLS_PORT:-18283}

need=()
command -v nginx >/dev/null || need+=(nginx)
command -v h2load >/dev/null || need+=(nghttp2-client)
command -v openssl >/dev/null || need+=(openssl)
if ((${#need[@]})); then
  echo "installing from Debian: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
JAR=${STRESSGATE_JAR:-$ROOT/stressgate-cli/target/stressgate.jar}
[[ -f $JAR ]] || mvn -B -q -DskipTests package

# Two cores: nginx on core 1, each load tool on core 0. One core: everything shares it (ratios still compare).
CORES=$(nproc)
GEN_CPU=0; SRV_CPU=$((CORES > 1 ? 1 : 0))

mkdir -p "$OUT/nginx/logs"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$OUT/nginx/key.pem" -out "$OUT/nginx/cert.pem" 2>/dev/null
# nginx before 1.25 turns HTTP/2 on per listener ("listen ... http2"); 1.25 and later with "http2 on;"
if nginx -v 2>&1 | grep -qE 'nginx/1\.(2[5-9]|[3-9][0-9])'; then
  H2C_LISTEN="listen 127.0.0.1:$H2C_PORT backlog=8192; http2 on;"; TLS_LISTEN="listen 127.0.0.1:$TLS_PORT ssl backlog=8192; http2 on;"
else
  H2C_LISTEN="listen 127.0.0.1:$H2C_PORT http2 backlog=8192;"; TLS_LISTEN="listen 127.0.0.1:$TLS_PORT ssl http2 backlog=8192;"
fi
cat > "$OUT/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  http2_max_concurrent_streams 128;
  server { $H2C_LISTEN location / { return 200 "ok\n"; } }
  server {
    $TLS_LISTEN
    ssl_certificate $OUT/nginx/cert.pem;
    ssl_certificate_key $OUT/nginx/key.pem;
    location / { return 200 "ok\n"; }
  }
}
CONF
taskset -c "$SRV_CPU" nginx -c "$OUT/nginx/nginx.conf" -p "$OUT/nginx"
NGINX_PID=$(cat "$OUT/nginx/nginx.pid")
stop_nginx() { kill "$NGINX_PID" 2>/dev/null || true; }
trap stop_nginx EXIT
for _ in $(seq 50); do h2load -n 1 -c 1 "http://127.0.0.1:$H2C_PORT/" 2>/dev/null | grep -q '1 succeeded' && break; sleep 0.1; done
for p in $(pgrep -P "$NGINX_PID"); do taskset -pc "$SRV_CPU" "$p" >/dev/null; done

for kind in h2c tls; do
  if [[ $kind == h2c ]]; then url=http://127.0.0.1:$H2C_PORT/; else url=https://127.0.0.1:$TLS_PORT/; fi
  cat > "$OUT/$kind.yml" <<YML
name: bench-h2-$kind
target: $url
options: {threads: 1, http: 2, maxStreams: $STREAMS, tlsVerify: false}
load:
  - {name: root, executor: constant-vus, vus: $VUS, duration: ${SECONDS_EACH}s, request: {path: /}}
YML
done

run_tool() { # tool round
  local tool=$1 dir=$OUT/round$2/$1; mkdir -p "$dir"
  case $tool in
    h2load-h2c) python3 bench/measure.py "$tool" "$dir" -- taskset -c $GEN_CPU h2load -t1 -c$CLIENTS -m$STREAMS \
              -D$SECONDS_EACH "http://127.0.0.1:$H2C_PORT/" ;;
    h2load-tls) python3 bench/measure.py "$tool" "$dir" -- taskset -c $GEN_CPU h2load -t1 -c$CLIENTS -m$STREAMS \
              -D$SECONDS_EACH "https://127.0.0.1:$TLS_PORT/" ;;
    stressgate-h2c) python3 bench/measure.py "$tool" "$dir" -- taskset -c $GEN_CPU java -jar "$JAR" run "$OUT/h2c.yml" \
              --out "$dir" --progress none ;;
    stressgate-tls) python3 bench/measure.py "$tool" "$dir" -- taskset -c $GEN_CPU java -jar "$JAR" run "$OUT/tls.yml" \
              --out "$dir" --progress none ;;
  esac
}

echo "== HTTP/2, $CLIENTS connections x $STREAMS streams, ${SECONDS_EACH}s each, $ROUNDS round(s); generators on cpu $GEN_CPU, nginx on cpu $SRV_CPU"
: > "$OUT/h2.jsonl"
for round in $(seq "$ROUNDS"); do
  for tool in h2load-h2c stressgate-h2c h2load-tls stressgate-tls; do
    run_tool "$tool" "$round" | sed "s/^{/{\"round\": $round, /" | tee -a "$OUT/h2.jsonl"
  done
done
python3 - "$OUT/h2.jsonl" <<'PY'
import json, sys, collections
rows = [json.loads(l) for l in open(sys.argv[1])]
by_round = collections.defaultdict(dict)
for r in rows:
    by_round[r["round"]][r["tool"]] = r
print(f"{'round':>5} {'tool':<15} {'rps':>10} {'x h2load':>8} {'cpu us/req':>10} {'x h2load':>8}")
for rnd, tools in sorted(by_round.items()):
    for kind in ["h2c", "tls"]:
        peer = tools["h2load-" + kind]
        for name in ["h2load-" + kind, "stressgate-" + kind]:
            t = tools[name]
            print(f"{rnd:>5} {name:<15} {t['rps']:>10.0f} {t['rps'] / peer['rps']:>8.2f}"
                  f" {t['cpu_us_per_request']:>10.2f} {t['cpu_us_per_request'] / peer['cpu_us_per_request']:>8.2f}")
PY
for r in "$OUT"/round*/stressgate-*/results.json; do
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); g=r['generator']; a=r['load']['all']
print('  ' + sys.argv[1].split('/')[-3] + '/' + sys.argv[1].split('/')[-2] + ':', a['requests'], 'requests,', a['errors'], 'errors,',
      g['cpuMicrosPerRequest'], 'us CPU/request in the run, connections opened:', g.get('connectionsOpened'), ', saturated:', g['saturated'])" "$r"
done
echo "results in $OUT"
