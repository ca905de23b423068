#!/usr/bin/env bash
# Installs what is needed, builds and launches the console. Arguments go to greenroom
# (for example --profile NAME --region us-west-2).
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/install-deps.sh
cmake --preset dev
cmake --build --preset dev
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "run-console: no display found (DISPLAY/WAYLAND_DISPLAY unset); starting under xvfb-run." >&2
    exec xvfb-run -a build/app/greenroom "$@"
fi
exec build/app/greenroom "$@"
