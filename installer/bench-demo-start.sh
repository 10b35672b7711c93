#!/bin/sh
# Start-up times, side by side: `ums server` alone until "ready:" (the peer), `ums demo --headless` until
# "devices:" from the jar and from the jpackage app image (if built), and, with DISPLAY set and the console in
# the build, `ums demo` until its window is visible (xdotool); N rounds alternating. Prints each time in ms and
# the medians. Usage: installer/bench-demo-start.sh [rounds]   (from the repository root)
set -eu
rounds=${1:-5}
jar=launcher/target/ums.jar
image=installer/target/app-image/ums-console/bin/ums-console
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# time_until LINE CMD...: runs CMD with HOME in $work, prints ms until a stdout line starts with LINE, stops it.
time_until() {
    line=$1
    shift
    : >"$work/out"
    start=$(date +%s%N)
    HOME="$work" "$@" >"$work/out" 2>/dev/null &
    pid=$!
    until grep -q "^$line" "$work/out" 2>/dev/null; do
        sleep 0.02
    done
    echo $(( ($(date +%s%N) - start) / 1000000 ))
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
    rm -rf "$work/server"
}

median() {
    sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'
}

: >"$work/server.ms"; : >"$work/demo.ms"; : >"$work/image.ms"; : >"$work/window.ms"
gui=
if [ -n "${DISPLAY:-}" ] && command -v xdotool >/dev/null && java -jar "$jar" console --help >/dev/null 2>&1; then
    gui=yes
fi

# time_to_window: ms from starting `ums demo` until the console window is visible.
time_to_window() {
    start=$(date +%s%N)
    HOME="$work" java -jar "$jar" demo >/dev/null 2>&1 &
    pid=$!
    xdotool search --sync --onlyvisible --name "UMS Console" >/dev/null 2>&1
    echo $(( ($(date +%s%N) - start) / 1000000 ))
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
}
i=0
while [ $i -lt "$rounds" ]; do
    UMS_ADMIN_PASSWORD=bench-admin UMS_ENROLLMENT_TOKEN=bench \
        time_until "ready:" java -jar "$jar" server --port 0 --bind 127.0.0.1 --data "$work/server" >>"$work/server.ms"
    time_until "devices:" java -jar "$jar" demo --headless >>"$work/demo.ms"
    if [ -x "$image" ]; then
        time_until "devices:" "$image" demo --headless >>"$work/image.ms"
    fi
    if [ -n "$gui" ]; then
        time_to_window >>"$work/window.ms"
    fi
    echo "round $((i + 1)): window $(tail -n 1 "$work/window.ms" 2>/dev/null) ms, server $(tail -n 1 "$work/server.ms") ms, demo $(tail -n 1 "$work/demo.ms") ms," \
        "app image $(tail -n 1 "$work/image.ms" 2>/dev/null) ms, load $(cut -d' ' -f1 /proc/loadavg)"
    i=$((i + 1))
done
echo "median: server $(median <"$work/server.ms") ms, demo (jar) $(median <"$work/demo.ms") ms," \
    "demo (app image) $( [ -s "$work/image.ms" ] && median <"$work/image.ms" || echo -) ms," \
    "console window $( [ -s "$work/window.ms" ] && median <"$work/window.ms" || echo -) ms"
