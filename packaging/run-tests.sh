#!/usr/bin/env bash
# Installs what is needed, builds with warnings as errors and runs every test (headless), then
# the whole suite again under ASan+UBSan, then the fuzz targets for a bounded time each.
#   --quick   only the first stage (the normal build and suite)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
[ "${1:-}" = "--quick" ] && quick=1

packaging/install-deps.sh
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
# The SDK conformance suite's pinned packages (package-lock.json).
if [ ! -d tests/conformance/node_modules/@aws-sdk/client-ivs-realtime ] ||
    [ ! -d tests/conformance/node_modules/@aws-sdk/client-cloudwatch ]; then
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

# The whole suite again under ASan+UBSan (gcc, -O1 -g1: line numbers in reports at a third of
# the compile time of full debug info). The asan preset leaves out what cannot mean anything
# there: the benchmarks (timing; not built) and the .deb test (it packages the normal build).
echo "asan: the whole suite except the benchmarks (their figures mean nothing under a sanitizer)" \
    "and the .deb package test (it packages the normal build; stage 1 ran both)"
stage "build (asan)" bash -c 'cmake --preset asan && cmake --build --preset asan'
stage "tests (asan)" ctest --preset asan -j2

stage "build (fuzz)" bash -c 'cmake --preset fuzz && cmake --build --preset fuzz'
stage "fuzz" ctest --preset fuzz -j2
