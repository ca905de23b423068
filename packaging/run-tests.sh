#!/usr/bin/env bash
# Installs what is needed, builds with warnings as errors and runs every test (headless).
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
cmake --preset ci
cmake --build --preset ci
ctest --preset ci -j2
