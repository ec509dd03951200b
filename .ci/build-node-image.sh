#!/usr/bin/env bash
# Builds the test "node": Debian's containerd and ctr in an otherwise empty rootfs. It reads
# /etc/containerd/certs.d/<host>/hosts.toml exactly as a Kind node does.
set -euo pipefail
tag=${1:-sew-test/containerd-node:2}
if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag: present"
  exit 0
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/etc/containerd/certs.d" "$root/var/lib/containerd" "$root/run/containerd" "$root/tmp"
# A shell, as Kind nodes have: sew-ci writes hosts.toml into running nodes with `sh -c`.
cp /bin/busybox "$root/bin/busybox"
for applet in sh mkdir cat mv ls; do ln -s busybox "$root/bin/$applet"; done
for bin in /usr/bin/containerd /usr/bin/ctr; do
  cp "$bin" "$root/bin/"
  ldd "$bin" | grep -oE '/[^ ]+' | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
done
# Nested overlayfs is not available inside a container here: unpack with the native snapshotter.
cat > "$root/etc/containerd/config.toml" <<'TOML'
version = 2
[plugins."io.containerd.grpc.v1.cri"]
  disable_tcp_service = true
[plugins."io.containerd.grpc.v1.cri".containerd]
  snapshotter = "native"
[plugins."io.containerd.grpc.v1.cri".registry]
  config_path = "/etc/containerd/certs.d"
TOML
tar -C "$root" -c . | docker import \
  -c 'ENTRYPOINT ["/bin/containerd"]' \
  -c 'CMD ["--config","/etc/containerd/config.toml"]' - "$tag" >/dev/null
echo "$tag: built from /usr/bin/containerd"
