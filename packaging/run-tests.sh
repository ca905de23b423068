#!/usr/bin/env bash
# Installs what is needed, builds with warnings as errors and runs every test (headless).
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
# The SDK conformance suite's pinned packages (package-lock.json).
if [ ! -d tests/conformance/node_modules/@aws-sdk/client-ivs-realtime ]; then
    npm ci --prefix tests/conformance --no-audit --no-fund
fi
cmake --preset ci
cmake --build --preset ci
ctest --preset ci -j2
