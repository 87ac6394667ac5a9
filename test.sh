#!/usr/bin/env bash
# Runs every test of the default build (engine, server, CLI): `mvn -B verify`.
# Installs from Debian what the tests need when it is missing (root and apt needed):
#  - headless Chromium and its driver, for the browser tests;
#  - the task-queue stacks users run, for the real-stack tests (PythonStacksIT): Redis, and FastAPI on Uvicorn,
#    Flask on Gunicorn, RQ and Celery for Debian's /usr/bin/python3;
#  - nginx, the target of the sharded-run test;
#  - Locust (python3-locust), the external tool of LocustExternalIT and LocustImportIT, whose version ToolVersionFinderTest reads.
#  - strace, which sees every connect() of the real JMeter and Gatling in RealToolsImportIT (the build brings the tools
#    themselves from Maven Central before integration-test, about 130 MB the first time).
# Redis and PostgreSQL for the other tests come from Maven Central artifacts.
# As root it also mounts a small tmpfs for the disk-full test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
[[ -x /usr/bin/redis-server && -x /usr/bin/redis-cli ]] || missing+=(redis-server redis-tools)
[[ -x /usr/sbin/nginx ]] || missing+=(nginx)
[[ -x /usr/bin/locust ]] || missing+=(python3-locust)
[[ -x /usr/bin/strace ]] || missing+=(strace)
if ! /usr/bin/python3 -c 'import rq, celery, fastapi, uvicorn, gunicorn, flask, redis' 2>/dev/null; then
  missing+=(python3 python3-rq python3-celery python3-fastapi python3-uvicorn python3-gunicorn python3-flask python3-redis)
fi
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${missing[*]} from Debian for the tests" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test.sh: the tests need ${missing[*]} (Debian: apt-get install -y ${missing[*]})" >&2
    exit 2
  fi
fi
# Debian starts the services it installs where it can; the tests start their own on free ports.
for svc in redis-server nginx; do
  if command -v service >/dev/null && service "$svc" status >/dev/null 2>&1; then service "$svc" stop >/dev/null 2>&1 || true; fi
done
# The disk-full test (DiskFullIT) mounts a small tmpfs: when this machine can, it must run, not skip.
probe=$(mktemp -d)
if mount -t tmpfs -o size=1m tmpfs "$probe" 2>/dev/null; then
  umount "$probe"
  export STRESSGATE_MOUNT_TESTS=1
else
  echo "test.sh: cannot mount a tmpfs here (needs root): the disk-full test will be skipped" >&2
fi
rmdir "$probe"
exec mvn -B verify "$@"
