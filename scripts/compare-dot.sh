#!/usr/bin/env bash
# Compares our automatic layout with Graphviz's dot on generated layered models (100, 1 000 and
# 3 000 components by default; pass sizes to choose) and on every example: CPU time and edge
# crossings, counted the same way for both. Installs graphviz first when run as root.
# Not part of CI (dot needs about a minute on the 3 000-component model).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dot >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
  else
    echo "compare-dot.sh: please install graphviz (sudo apt-get install graphviz)" >&2
    exit 2
  fi
fi
cargo bench -p archcanvas --no-default-features --bench vs_dot -- "$@"
