#!/usr/bin/env bash
# Installs and starts what the integration tests need on a bare Debian machine (as root):
# Docker, Debian's distribution registry and containerd, skopeo; then builds the local
# registry:2 and containerd-node images. Idempotent: a second run only checks.
set -euo pipefail
here=$(dirname "$0")

packages=(docker.io containerd docker-registry skopeo zstd curl apache2-utils openssl busybox-static)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "::: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/sew-ci-apt.log 2>&1 || {
    tail -20 /tmp/sew-ci-apt.log >&2
    exit 1
  }
fi

if ! docker info >/dev/null 2>&1; then
  # A machine handed back after its processes were stopped keeps /run: a pid file whose
  # process is gone makes dockerd refuse to start.
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then rm -f /var/run/docker.pid; fi
  echo "::: starting dockerd"
  # No init system here: run the daemon detached from this shell.
  setsid dockerd >/tmp/dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || {
    echo "dockerd did not start:" >&2
    tail -20 /tmp/dockerd.log >&2
    exit 1
  }
fi

# Test upstreams are reached by these names from the host and, through network aliases,
# from containers on the kind network.
grep -q 'upstream.test' /etc/hosts || echo '127.0.0.1 upstream.test upstream2.test' >>/etc/hosts

bash "$here/build-registry-image.sh" registry:2
bash "$here/build-node-image.sh" sew-test/containerd-node:2
