#!/usr/bin/env bash
# The load generator benchmark: wrk, hey, Locust and stressgate against the same nginx on loopback, 64
# connections for 10 s each, interleaved over 3 rounds, each as a ratio to wrk in the same round; then the open
# model's highest rate with under 1% dropped, and the heap over 10 million requests. stressgate runs twice per
# round: as is, and with checks declared on its request (status, header, body, size), so their cost shows as the
# difference of the two ratios to wrk. BENCH_TOOLS may add stressgate-post (a small JSON POST, the same 64
# connections), stressgate-post-placeholders (the same POST with {{vu}}, {{iteration}} and {{uuid}} in its body and
# path, rendered per request), stressgate-nocomp (compression off: no Accept-Encoding, the request bytes of the builds
# before compression), and STRESSGATE_JAR names another build's jar, to compare two builds side by side.
# It is not a test: these machines are noisy, so only ratios measured side by side mean anything.
#
#   bench/run.sh [--quick] [--closed-only | --open-only]
#     --quick: 1 round of 5 s, a short rate search, 1 million requests; --closed-only: stop after the closed model;
#     --open-only: only the open model's rate search (BENCH_RATES="30000 50000" to choose the rates)
#   BENCH_TOOLS="wrk stressgate stressgate-checks" bench/run.sh   (a subset of tools; wrk is always run)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
ROUNDS=3 SECONDS_EACH=10 HEAP_REQUESTS=10000000 RATES="10000 20000 30000 40000 50000 60000 80000"
CLOSED_ONLY=0 OPEN_ONLY=0
for arg in "$@"; do
  case $arg in
    --quick) ROUNDS=1 SECONDS_EACH=5 HEAP_REQUESTS=1000000 RATES="10000 30000 50000" ;;
    --closed-only) CLOSED_ONLY=1 ;;
    --open-only) OPEN_ONLY=1 ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done
RATES=${BENCH_RATES:-$RATES}
((OPEN_ONLY)) && BENCH_TOOLS=stressgate
TOOLS="wrk ${BENCH_TOOLS:-hey locust stressgate stressgate-checks}"
TOOLS=$(echo "$TOOLS" | tr ' ' '\n' | awk 'NF && !seen[$0]++' | tr '\n' ' ')
PORT=${BENCH_PORT:-18181}
URL=http://127.0.0.1:$PORT/

need=()
for tool in nginx $TOOLS; do
  [[ $tool == stressgate* ]] && continue
  command -v "$tool" >/dev/null || need+=("$tool")
done
if ((${#need[@]})); then
  echo "installing from Debian: ${need[*]}"
  pkgs=(); for t in "${need[@]}"; do [[ $t == locust ]] && pkgs+=(python3-locust) || pkgs+=("$t"); done
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
fi
JAR=${STRESSGATE_JAR:-$ROOT/stressgate-cli/target/stressgate.jar}   # STRESSGATE_JAR: compare another build
[[ -f $JAR ]] || mvn -B -q -DskipTests package

# Two cores: nginx on core 1, each load tool on core 0. One core: everything shares it (ratios still compare).
CORES=$(nproc)
GEN_CPU=0; SRV_CPU=$((CORES > 1 ? 1 : 0))

mkdir -p "$OUT/nginx/logs"
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
  server { listen 127.0.0.1:$PORT backlog=8192; location / { return 200 "ok\n"; } }
}
CONF
taskset -c "$SRV_CPU" nginx -c "$OUT/nginx/nginx.conf" -p "$OUT/nginx"
NGINX_PID=$(cat "$OUT/nginx/nginx.pid")
stop_nginx() { kill "$NGINX_PID" 2>/dev/null || true; }
trap stop_nginx EXIT
for _ in $(seq 50); do curl -sf "$URL" >/dev/null && break; sleep 0.1; done
for p in $(pgrep -P "$NGINX_PID"); do taskset -pc "$SRV_CPU" "$p" >/dev/null; done

cat > "$OUT/closed.yml" <<YML
name: bench-closed
target: $URL
options: {threads: 1}
load:
  - {name: root, executor: constant-vus, vus: 64, duration: ${SECONDS_EACH}s, request: {path: /}}
YML
cat > "$OUT/closed-nocomp.yml" <<YML
name: bench-closed-nocomp
target: $URL
options: {threads: 1, compression: []}
load:
  - {name: root, executor: constant-vus, vus: 64, duration: ${SECONDS_EACH}s, request: {path: /}}
YML
cat > "$OUT/closed-post.yml" <<YML
name: bench-closed-post
target: $URL
options: {threads: 1}
load:
  - {name: root, executor: constant-vus, vus: 64, duration: ${SECONDS_EACH}s, request: {method: POST, path: /, json: {audio: short.wav, priority: high}}}
YML
cat > "$OUT/closed-post-placeholders.yml" <<YML
name: bench-closed-post-placeholders
target: $URL
options: {threads: 1}
load:
  - {name: root, executor: constant-vus, vus: 64, duration: ${SECONDS_EACH}s, request: {method: POST, path: "/?vu={{vu}}",
     json: {audio: short.wav, priority: high, vu: "{{vu}}", iteration: "{{iteration}}", request: "{{uuid}}"}}}
YML
cat > "$OUT/closed-checks.yml" <<YML
name: bench-closed-checks
target: $URL
options: {threads: 1}
load:
  - name: root
    executor: constant-vus
    vus: 64
    duration: ${SECONDS_EACH}s
    request:
      path: /
      checks:
        - {name: ok, status: 200}
        - {name: typed, header: Content-Type, matches: "^text/"}
        - {name: says-ok, bodyContains: ok}
        - {name: small, maxSize: 1KiB}
YML

run_tool() { # tool round
  local tool=$1 dir=$OUT/round$2/$1; mkdir -p "$dir"
  case $tool in
    wrk) python3 bench/measure.py wrk "$dir" -- taskset -c $GEN_CPU wrk -t1 -c64 -d${SECONDS_EACH}s --latency "$URL" ;;
    hey) python3 bench/measure.py hey "$dir" -- taskset -c $GEN_CPU hey -z ${SECONDS_EACH}s -c 64 "$URL" ;;
    locust) python3 bench/measure.py locust "$dir" -- taskset -c $GEN_CPU locust -f bench/locustfile.py --headless \
              -u 64 -r 64 -t ${SECONDS_EACH}s --host "${URL%/}" --csv "$dir/locust" --only-summary ;;
    stressgate) python3 bench/measure.py stressgate "$dir" -- taskset -c $GEN_CPU java -jar "$JAR" run "$OUT/closed.yml" \
              --out "$dir" --progress none ;;
    stressgate-nocomp) python3 bench/measure.py stressgate-nocomp "$dir" -- taskset -c $GEN_CPU java -jar "$JAR" run \
              "$OUT/closed-nocomp.yml" --out "$dir" --progress none ;;
    stressgate-post) python3 bench/measure.py stressgate-post "$dir" -- taskset -c $GEN_CPU java -jar "$JAR" run "$OUT/closed-post.yml" \
              --out "$dir" --progress none ;;
    stressgate-post-placeholders) python3 bench/measure.py stressgate-post-placeholders "$dir" -- taskset -c $GEN_CPU \
              java -jar "$JAR" run "$OUT/closed-post-placeholders.yml" --out "$dir" --progress none ;;
    stressgate-checks) python3 bench/measure.py stressgate-checks "$dir" -- taskset -c $GEN_CPU java -jar "$JAR" run \
              "$OUT/closed-checks.yml" --out "$dir" --progress none ;;
  esac
}

if ((! OPEN_ONLY)); then
echo "== closed model, 64 connections, ${SECONDS_EACH}s each, $ROUNDS round(s); generators on cpu $GEN_CPU, nginx on cpu $SRV_CPU"
: > "$OUT/closed.jsonl"
for round in $(seq "$ROUNDS"); do
  for tool in $TOOLS; do
    run_tool "$tool" "$round" | sed "s/^{/{\"round\": $round, /" | tee -a "$OUT/closed.jsonl"
  done
done
python3 - "$OUT/closed.jsonl" <<'PY'
import json, sys, collections
rows = [json.loads(l) for l in open(sys.argv[1])]
by_round = collections.defaultdict(dict)
for r in rows:
    by_round[r["round"]][r["tool"]] = r
print(f"{'round':>5} {'tool':<28} {'rps':>10} {'x wrk':>6} {'p50 ms':>8} {'p99 ms':>8} {'cpu us/req':>10} {'x wrk':>6}")
for rnd, tools in sorted(by_round.items()):
    w = tools["wrk"]
    for name in ["wrk", "hey", "locust", "stressgate", "stressgate-nocomp", "stressgate-post", "stressgate-post-placeholders",
                 "stressgate-checks"]:
        if name not in tools:
            continue
        t = tools[name]
        print(f"{rnd:>5} {name:<28} {t['rps']:>10.0f} {t['rps'] / w['rps']:>6.2f} {t['p50_ms'] or 0:>8.3f} {t['p99_ms'] or 0:>8.3f}"
              f" {t['cpu_us_per_request']:>10.2f} {t['cpu_us_per_request'] / w['cpu_us_per_request']:>6.2f}")
PY
for r in "$OUT"/round*/stressgate*/results.json; do
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); g=r['generator']; c=r.get('checks') or []
print('  ' + sys.argv[1].split('/')[-2] + ' in-run:', g['cpuMicrosPerRequest'], 'us CPU/request, saturated:', g['saturated'],
      ('checks failed: %d' % sum(x['fails'] for x in c)) if c else '')" "$r"
done
fi
if ((CLOSED_ONLY)); then echo "results in $OUT"; exit 0; fi

echo "== open model: highest constant arrival rate with under 1% dropped (5 s each, 2 loops)"
for rate in $RATES; do
  cat > "$OUT/open-$rate.yml" <<YML
name: bench-open-$rate
target: $URL
options: {threads: $CORES}
load:
  - {name: root, executor: constant-arrival-rate, rate: $rate/s, duration: 5s, maxInFlight: 2000, request: {path: /, timeout: 5s}}
YML
  mkdir -p "$OUT/open-$rate"
  java -jar "$JAR" run "$OUT/open-$rate.yml" --out "$OUT/open-$rate" --progress none >/dev/null || true
  python3 -c "
import json,sys
r=json.load(open(sys.argv[1])); a=r['load']['all']; g=r['generator']
total=a['requests']+a['dropped']
print(f\"  {int(sys.argv[2]):>7}/s: sent {a['requests']:>8} dropped {a['dropped']:>7} ({100*a['dropped']/max(1,total):.2f}%) rps {a['rps']:>9.0f} p99 {a['latencyMs']['p99'] if a['latencyMs'] else '-'} ms lag p99 {g['scheduleLagP99Ms']} ms\")
" "$OUT/open-$rate/results.json" "$rate"
  python3 -c "
import json,sys
r=json.load(open(sys.argv[1])); s=r['timeSeries']['all']
print('           dropped per interval:', [p.get('dropped', 0) for p in s])
" "$OUT/open-$rate/results.json" 2>/dev/null || true
done
if ((OPEN_ONLY)); then echo "results in $OUT"; exit 0; fi

echo "== memory: about $HEAP_REQUESTS requests or more (a fixed duration at a conservative 40k/s), closed model, -Xmx256m, heap after each GC"
SECS=$(( HEAP_REQUESTS / 40000 + 5 ))
cat > "$OUT/heap.yml" <<YML
name: bench-heap
target: $URL
options: {threads: 1}
load:
  - {name: root, executor: constant-vus, vus: 64, duration: ${SECS}s, request: {path: /}}
YML
mkdir -p "$OUT/heap"
taskset -c $GEN_CPU java -Xmx256m -Xlog:gc:file="$OUT/heap/gc.log" -jar "$JAR" run "$OUT/heap.yml" --out "$OUT/heap" --progress none >/dev/null || true
python3 - "$OUT/heap" <<'PY'
import json, re, sys
d = sys.argv[1]
r = json.load(open(d + "/results.json"))
after = [int(m) for m in re.findall(r"->(\d+)M\(", open(d + "/gc.log").read())]
n = len(after)
print(f"  requests {r['load']['all']['requests']:,}  gcs {n}")
if n:
    first, last = after[: max(1, n // 10)], after[-max(1, n // 10):]
    print(f"  heap after GC: first tenth max {max(first)} MB, last tenth max {max(last)} MB, overall max {max(after)} MB (limit 256 MB)")
PY
echo "results in $OUT"
