#!/usr/bin/env bash
# Runs every test of the default build (engine, server, CLI): `mvn -B verify`.
# The browser tests drive Debian's headless Chromium; it is installed here when missing (root and apt needed).
# Redis and PostgreSQL for the tests come from Maven Central artifacts; nothing else is needed.
# As root it also mounts a small tmpfs for the disk-full test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${missing[*]} from Debian for the browser tests" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test.sh: the browser tests need ${missing[*]} (Debian: apt-get install -y chromium chromium-driver)" >&2
    exit 2
  fi
fi
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
