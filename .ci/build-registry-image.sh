#!/usr/bin/env bash
# Builds `registry:2` from Debian's distribution registry (2.8.2): Docker Hub is not
# reachable here, and sew-ci must never need to pull the registry image anyway.
set -euo pipefail
tag=${1:-registry:2}
if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag: present"
  exit 0
fi
bin=/usr/bin/docker-registry
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/etc/docker/registry" "$root/var/lib/registry" "$root/tmp"
cp "$bin" "$root/bin/registry"
# The binary and the libraries it links against (libc and the loader).
ldd "$bin" | grep -oE '/[^ ]+' | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
cat > "$root/etc/docker/registry/config.yml" <<'YAML'
version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
  delete:
    enabled: true
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
YAML
tar -C "$root" -c . | docker import \
  -c 'ENTRYPOINT ["/bin/registry","serve"]' \
  -c 'CMD ["/etc/docker/registry/config.yml"]' \
  -c 'EXPOSE 5000' - "$tag" >/dev/null
echo "$tag: built from $bin"
