#!/usr/bin/env bash
# Installs what is needed, builds with warnings as errors and runs every test (headless), then
# the whole suite again under ASan+UBSan.
#   --quick   only the first stage (the normal build and suite)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
[ "${1:-}" = "--quick" ] && quick=1

packaging/install-deps.sh
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
# The SDK conformance suite's pinned packages (package-lock.json).
if [ ! -d tests/conformance/node_modules/@aws-sdk/client-ivs-realtime ]; then
    npm ci --prefix tests/conformance --no-audit --no-fund
fi

stage() { # name, then the command; prints how long each stage took
    local name=$1 start=$SECONDS
    shift
    echo "=== $name"
    "$@"
    echo "=== $name: $((SECONDS - start)) s"
}

stage "build (ci)" bash -c 'cmake --preset ci && cmake --build --preset ci'
stage "tests (ci)" ctest --preset ci -j2
((quick)) && exit 0

# Benchmarks are left out under the sanitizers: their figures mean nothing there, and the
# normal suite has already run them.
echo "asan: the 'bench' label is excluded (benchmark figures are meaningless under ASan)"
stage "build (asan)" bash -c 'cmake --preset asan && cmake --build --preset asan'
stage "tests (asan)" ctest --preset asan -j2 --label-exclude bench
