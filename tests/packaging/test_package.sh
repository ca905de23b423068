#!/usr/bin/env bash
# The Debian package as a user gets it: built by CPack from this build, inspected (files,
# computed dependencies, no build paths, no test data), checked by lintian and the desktop and
# AppStream validators, then unpacked into a throwaway root and started from there.
# Usage: test_package.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$1 source=$2 version=$3
app_id=org.greenroom.Greenroom
deb_name=greenroom_${version}_amd64.deb

fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in cpack dpkg-deb dpkg-shlibdeps lintian desktop-file-validate appstreamcli curl; do
    command -v "$tool" >/dev/null || fail "$tool is not installed: run packaging/install-deps.sh"
done

work=$(mktemp -d)
local_pid=
cleanup() {
    [ -n "$local_pid" ] && kill "$local_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

echo "== cpack"
cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$work/out/$deb_name
[ -f "$deb" ] || fail "cpack did not write $deb_name: $(ls "$work/out")"

echo "== control fields"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = greenroom ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected $version"
[ "$(field Architecture)" = amd64 ] || fail "Architecture is '$(field Architecture)'"
depends=$(field Depends)
echo "Depends: $depends"
# Computed by dpkg-shlibdeps: every library the programs link, each with a minimum version.
for lib in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 \
    libqt6httpserver6 libqt6keychain1 libqt6svg6 libssl3; do
    grep -Eq "(^|, )${lib//+/\\+} \(>= [^)]+\)" <<<"$depends" || fail "Depends lacks '$lib (>= ...)'"
done

echo "== contents"
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\./||' | sort >"$work/files"
{
    printf '%s\n' usr/bin/greenroom usr/bin/greenroom-local \
        "usr/share/applications/$app_id.desktop" "usr/share/metainfo/$app_id.metainfo.xml" \
        "usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
        usr/share/man/man1/greenroom.1.gz usr/share/man/man1/greenroom-local.1.gz \
        usr/share/doc/greenroom/copyright usr/share/doc/greenroom/changelog.gz
    for size in 16 22 24 32 48 64 128 256; do
        echo "usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
    done
} | sort >"$work/expected"
diff -u "$work/expected" "$work/files" || fail "the package's files differ from the list above"
dpkg-deb -c "$deb" | awk '{print $2}' | sort -u | grep -vx root/root &&
    fail "files not owned by root/root"

echo "== unpack"
root=$work/root
dpkg-deb -x "$deb" "$root"
if grep -rlaF -e "$build" -e "$source" "$root"; then
    fail "the files above contain a build or source path"
fi

echo "== lintian"
# Info tags (hardening-no-fortify-functions, .comment sections) are shown, not failed on.
status=0
lintian --fail-on error,warning --display-info "$deb" >"$work/lintian" 2>&1 || status=$?
grep -v 'running with root privileges' "$work/lintian" || true
[ "$status" -eq 0 ] || fail "lintian reports errors or warnings"

echo "== desktop-file-validate, appstreamcli"
out=$(desktop-file-validate "$root/usr/share/applications/$app_id.desktop" 2>&1)
[ -z "$out" ] || fail "desktop-file-validate: $out"
appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
    fail "appstreamcli validate failed"
for page in greenroom greenroom-local; do
    MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/$page.1.gz" >/dev/null 2>"$work/man.err" &&
        [ ! -s "$work/man.err" ] || fail "man page $page.1: $(cat "$work/man.err")"
done

echo "== the menu entry points at what is installed"
desktop=$root/usr/share/applications/$app_id.desktop
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
[ -x "$root/usr/bin/${exec_line%% *}" ] || fail "Exec=$exec_line is not an installed program"
[ "$(sed -n 's/^Icon=//p' "$desktop")" = "$app_id" ] || fail "Icon= is not $app_id"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
    "$root/usr/share/metainfo/$app_id.metainfo.xml" || fail "the metainfo does not launch $app_id.desktop"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
    fail "the metainfo has no release notes for $version"
for size in 16 22 24 32 48 64 128 256; do
    png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
    file -b "$png" | grep -q "^PNG image data, $size x $size," ||
        fail "$png is not a $size x $size PNG: $(file -b "$png")"
done

echo "== --version, without a display"
v=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/greenroom" --version)
[ "$v" = "Greenroom $version" ] || fail "greenroom --version printed '$v'"
v=$("$root/usr/bin/greenroom-local" --version)
[ "$v" = "greenroom-local $version" ] || fail "greenroom-local --version printed '$v'"
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/greenroom" --help |
    grep -q -- '--profile <name>' || fail "greenroom --help does not list --profile"

echo "== the console on its embedded local service, offscreen, 3 s"
home=$work/home
mkdir -p -m 700 "$home"
start=$(date +%s%N)
status=0
env -i PATH="$PATH" HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home" \
    QT_QPA_PLATFORM=offscreen timeout 30 "$root/usr/bin/greenroom" --quit-after 3 \
    2>"$work/console.err" || status=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
cat "$work/console.err"
[ "$status" -eq 0 ] || fail "the console exited with status $status"
[ "$elapsed_ms" -ge 2500 ] || fail "the console quit after $elapsed_ms ms, before --quit-after 3"
if grep -Eiq 'could not|failed|cannot' "$work/console.err"; then fail "the console complained"; fi
echo "ran ${elapsed_ms} ms, exit 0"

echo "== greenroom-local answers a signed ListStages"
"$root/usr/bin/greenroom-local" --port 0 >"$work/local.out" 2>&1 &
local_pid=$!
for _ in $(seq 100); do
    grep -q '^listening on ' "$work/local.out" && break
    sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$work/local.out")
[ -n "$url" ] || fail "greenroom-local did not start: $(cat "$work/local.out")"
list_stages() {
    curl -sS -o "$work/reply" -w '%{http_code}' --aws-sigv4 "aws:amz:us-east-1:ivs" \
        --user "$1" -H 'Content-Type: application/json' -d '{}' "${url%/}/ListStages"
}
code=$(list_stages AKIAGREENROOMLOCAL01:greenroom/local/secret/key/0000000000000)
[ "$code" = 200 ] || fail "ListStages: HTTP $code $(cat "$work/reply")"
grep -q '"stages"' "$work/reply" || fail "ListStages answered $(cat "$work/reply")"
# The signature is checked, not just present.
code=$(list_stages AKIAGREENROOMLOCAL01:not-the-secret)
[ "$code" = 403 ] || fail "a wrong secret got HTTP $code"
kill "$local_pid"
wait "$local_pid" || fail "greenroom-local did not exit cleanly on SIGTERM"
local_pid=
echo "PASS: $deb_name"
