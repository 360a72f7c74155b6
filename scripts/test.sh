#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine: installs the system packages the
# editor's headless UI tests need (Mesa's software Vulkan driver and xkbcommon), then
# `cargo test`. Extra arguments go to cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in mesa-vulkan-drivers libvulkan1 libxkbcommon-x11-0 libxkbcommon0; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [[ ${#need[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "test.sh: please install: ${need[*]} (sudo apt-get install ${need[*]})" >&2
    exit 2
  fi
fi

cargo test "$@"
