#!/usr/bin/env bash
# Installs what Greenroom needs to build, run and test on Debian 12 (root or sudo).
# Only missing packages are installed, so a second run costs a second.
set -euo pipefail

packages=(
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev qtkeychain-qt6-dev
    libgl-dev libssl-dev qt6-qpa-plugins fonts-dejavu-core xvfb
    nodejs npm
    # the Debian package and its test (tests/packaging)
    dpkg-dev file xz-utils lintian desktop-file-utils appstream man-db curl
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere than Debian (a newer one is fine): don't replace it.
if command -v node >/dev/null && command -v npm >/dev/null; then
    missing=("${missing[@]/nodejs/}")
    missing=("${missing[@]/npm/}")
fi
read -r -a missing <<<"${missing[*]}"

if ((${#missing[@]})); then
    echo "install-deps: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "install-deps: everything is installed"
fi
