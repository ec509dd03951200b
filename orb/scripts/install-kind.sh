#!/usr/bin/env bash
# kind $KIND_VERSION for this machine's architecture, refused unless its published sha256 matches.
set -euo pipefail
case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "sew-ci: no kind release for $(uname -m)" >&2; exit 1 ;;
esac
url="https://github.com/kubernetes-sigs/kind/releases/download/$KIND_VERSION/kind-linux-$arch"
curl -fsSLo /tmp/kind "$url"
curl -fsSLo /tmp/kind.sha256sum "$url.sha256sum"
echo "$(cut -d' ' -f1 /tmp/kind.sha256sum)  /tmp/kind" | sha256sum -c -
sudo install -m 755 /tmp/kind "${SEW_CI_BIN:-/usr/local/bin}/kind"
