#!/bin/sh
# Lists the classes `ums viewer` loads in its first seconds, for the application class-data sharing archive that the
# installed app maps at start (docs/INSTALL.md): the viewer opens a session with its default settings on a private
# Xvnc (loopback only: it asks no password), drawing into that same X server, and the runtime writes every class it
# loads to the list.
# Without Xvnc the list comes from `ums --help` alone (the JDK's and the command line's classes).
# Usage: cds-training.sh JAVA JAR CLASSLIST
set -eu
java=$1
jar=$2
list=$3
seconds=8
work=$(mktemp -d)
xvnc_pid=
cleanup() {
    [ -z "$xvnc_pid" ] || kill "$xvnc_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

if ! command -v Xvnc >/dev/null 2>&1; then
    echo "cds-training: no Xvnc on the PATH; the class list covers only the command line" >&2
    "$java" -XX:DumpLoadedClassList="$list" -cp "$jar" dev.ums.launcher.Ums --help >/dev/null
    exit 0
fi
display=40
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
    display=$((display + 1))
done
port=$((5900 + display))
Xvnc ":$display" -geometry 1280x800 -depth 24 -SecurityTypes None -rfbport "$port" -localhost -nolisten tcp \
    >"$work/xvnc.log" 2>&1 &
xvnc_pid=$!
i=0
until [ -e "/tmp/.X11-unix/X$display" ]; do
    i=$((i + 1))
    [ $i -lt 100 ] || { echo "cds-training: Xvnc did not start: $(cat "$work/xvnc.log")" >&2; exit 1; }
    sleep 0.1
done
HOME="$work" DISPLAY=":$display" "$java" -XX:DumpLoadedClassList="$list" -Xmx1g -cp "$jar" dev.ums.launcher.Ums \
    viewer --vnc "127.0.0.1:$port" >"$work/viewer.log" 2>&1 &
viewer_pid=$!
sleep $seconds
kill -0 "$viewer_pid" 2>/dev/null || { echo "cds-training: the viewer ended: $(cat "$work/viewer.log")" >&2; exit 1; }
kill -TERM "$viewer_pid"
wait "$viewer_pid" || true
echo "cds-training: $(wc -l <"$list") classes listed"
