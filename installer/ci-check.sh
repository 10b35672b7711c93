#!/bin/sh
# Checks the .deb as a user would meet it: installs it with dpkg, runs the installed ums-console (--version,
# the headless demo, a shadow session through the installed proxy into the installed snapshot tool, which
# exercises TLS with EC certificates and image writing in the jlink runtime, and with DISPLAY set the Swing
# viewer and the demo's console window), stops the demo with SIGTERM, removes the package and checks that
# nothing is left behind.
# Usage (as root, after `mvn -B -Pinstaller -DskipTests package`): installer/ci-check.sh [path/to/ums-console.deb]
set -eu

deb=${1:-$(ls installer/target/ums-console_*_amd64.deb | head -n 1)}
app=/opt/ums-console/bin/ums-console
work=$(mktemp -d)
demo_pid=
installed=

fail() {
    echo "ci-check: FAILED: $*" >&2
    exit 1
}

cleanup() {
    for pid in $demo_pid $(jobs -p); do
        kill "$pid" 2>/dev/null || true
    done
    if [ -n "$installed" ]; then
        dpkg --purge ums-console >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# Waits up to $2 seconds for a line starting with $1 in file $3 and prints the rest of it.
await_line() {
    i=0
    while [ $i -lt $(($2 * 10)) ]; do
        line=$(grep -m 1 "^$1" "$3" 2>/dev/null || true)
        if [ -n "$line" ]; then
            echo "${line#"$1"}"
            return 0
        fi
        sleep 0.1
        i=$((i + 1))
    done
    fail "no line '$1' in $3 within $2 s: $(cat "$3" 2>/dev/null)"
}

echo "ci-check: installing $deb ($(du -h "$deb" | cut -f1))"
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || fail "dpkg -i: $(cat "$work/dpkg.log")"
installed=yes
[ -x "$app" ] || fail "$app is missing"
[ -f /usr/share/applications/ums-console.desktop ] || fail "no menu entry"
[ -f /usr/share/icons/hicolor/256x256/apps/ums-console.png ] || fail "no icon"
grep -q -- '-Xmx1g' /opt/ums-console/lib/app/ums-console.cfg || fail "the installed app has no default heap limit"
[ -f /opt/ums-console/lib/app/ums.jsa ] || fail "postinst dumped no class-data sharing archive"
grep -q -- '-XX:SharedArchiveFile=' /opt/ums-console/lib/app/ums-console.cfg || fail "the app does not map its archive"
# -Xshare:on refuses to start unless the archive maps (a wrong jar path or a stale archive)
JAVA_TOOL_OPTIONS=-Xshare:on "$app" --version >/dev/null 2>"$work/share.err" \
    || fail "the installed app's class-data sharing archive does not map: $(cat "$work/share.err")"
# and maps it whole: the JVM reports a partly refused archive (such as options differing from the dump's) on stderr
! grep -v '^Picked up JAVA_TOOL_OPTIONS' "$work/share.err" | grep -q . \
    || fail "the installed app's class-data sharing archive maps only in part: $(cat "$work/share.err")"

version=$("$app" --version)
echo "ci-check: $version"
case "$version" in ums\ *) ;; *) fail "unexpected --version output: $version" ;; esac

start=$(date +%s%N)
HOME="$work" "$app" demo --headless >"$work/demo.out" 2>"$work/demo.err" &
demo_pid=$!
devices=$(await_line "devices: " 90 "$work/demo.out")
echo "ci-check: demo ready in $(( ($(date +%s%N) - start) / 1000000 )) ms with devices: $devices"
server=$(await_line "server: " 1 "$work/demo.out")
fingerprint=$(await_line "fingerprint: " 1 "$work/demo.out")
password=$(await_line "password: " 1 "$work/demo.out")
data=$(await_line "data: " 1 "$work/demo.out" | sed 's/ (removed at exit)$//')

proxy() {
    UMS_PASSWORD="$password" HOME="$work" "$app" proxy --server "$server" --fingerprint "$fingerprint" \
        --user admin --device "$1" >"$work/proxy-$1.out" 2>&1 &
    await_line "listening: " 60 "$work/proxy-$1.out"
}

listen=$(proxy kiosk-1)
HOME="$work" "$app" snapshot --vnc "$listen" --out "$work/kiosk-1.png" --encoding zrle >"$work/snapshot.log" 2>&1 \
    || fail "snapshot through the proxy: $(cat "$work/snapshot.log")"
[ "$(stat -c %s "$work/kiosk-1.png")" -gt 10000 ] || fail "the snapshot of kiosk-1 is suspiciously small"
echo "ci-check: shadowed kiosk-1 through the installed proxy and snapshot tool"

# Tight JPEG in the installed runtime: through libjpeg-turbo (FFM) on a Java 22+ runtime, else the JDK's reader
listen=$(proxy kiosk-2)
JAVA_TOOL_OPTIONS="-Dums.log.dir=$work/jpeg-logs" HOME="$work" "$app" snapshot --vnc "$listen" \
    --out "$work/kiosk-2.png" --quality 8 >"$work/snapshot-jpeg.log" 2>&1 \
    || fail "JPEG snapshot through the proxy: $(cat "$work/snapshot-jpeg.log")"
runtime=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' /opt/ums-console/lib/runtime/release)
expected="JPEG reader"
[ "${runtime:-0}" -lt 22 ] || expected=TurboJPEG
decoder=$(cat "$work"/jpeg-logs/*.log 2>/dev/null | grep -o "Tight JPEG is decoded by [^;]*" | head -n 1)
case "$decoder" in
    *"$expected"*) ;;
    *) fail "Java $runtime runtime, JPEG decoder: '${decoder:-none logged}', expected $expected" ;;
esac
echo "ci-check: Java $runtime runtime; ${decoder#Tight JPEG is decoded by }"

if [ -n "${DISPLAY:-}" ] && command -v import >/dev/null 2>&1; then
    listen=$(proxy branch-1)
    HOME="$work" "$app" viewer --vnc "$listen" >"$work/viewer.log" 2>&1 &
    viewer_pid=$!
    sleep 5
    kill -0 "$viewer_pid" 2>/dev/null || fail "the Swing viewer ended: $(cat "$work/viewer.log")"
    import -window root "$work/screen.png"
    colours=$(identify -format %k "$work/screen.png")
    kill "$viewer_pid"
    [ "$colours" -gt 50 ] || fail "the screen shows only $colours colours with the viewer open"
    echo "ci-check: the Swing viewer showed branch-1 ($colours colours on screen)"
fi

kill -TERM "$demo_pid"
wait "$demo_pid" || true
demo_pid=
[ ! -e "$data" ] || fail "the demo left $data behind"
[ ! -s "$work/demo.err" ] || fail "the demo wrote to stderr: $(cat "$work/demo.err")"
echo "ci-check: the demo stopped on SIGTERM and removed $data"

if [ -n "${DISPLAY:-}" ] && command -v xdotool >/dev/null 2>&1; then
    HOME="$work" "$app" demo >"$work/gui.out" 2>"$work/gui.err" &
    demo_pid=$!
    timeout 90 xdotool search --sync --onlyvisible --name "UMS Console – admin@" >/dev/null 2>&1 \
        || fail "the demo's console window did not appear: $(cat "$work/gui.err")"
    kill -TERM "$demo_pid"
    wait "$demo_pid" || true
    demo_pid=
    echo "ci-check: the installed demo opened the console window, logged in"
fi

dpkg -r ums-console >"$work/dpkg.log" 2>&1 || fail "dpkg -r: $(cat "$work/dpkg.log")"
installed=
# dpkg -r keeps the package's record ("rc"); purging it too leaves the machine as it was
dpkg --purge ums-console >/dev/null 2>&1 || fail "dpkg --purge failed"
[ ! -e /opt/ums-console ] || fail "/opt/ums-console is still there"
[ ! -e /usr/share/applications/ums-console.desktop ] || fail "the menu entry is still there"
! dpkg -l ums-console >/dev/null 2>&1 || fail "dpkg still lists ums-console"
echo "ci-check: OK"
