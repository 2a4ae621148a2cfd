#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages: Debian's Chromium (Playwright cannot download
# its own browser on these machines) and fonts for readable screenshots (CJK for the zh-CN UI).
# Go builds the control-plane test binaries on first use (scripts/cluster); it must be on PATH.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "install-test-deps: installing ${need[*]} with apt-get"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v go >/dev/null 2>&1 || { echo "install-test-deps: Go is not on PATH; install Go 1.25+ (the control plane for integration tests is built from Go modules)" >&2; exit 1; }
echo "install-test-deps: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), $(go version | awk '{print $3}')"
