#!/usr/bin/env bash
# WAN benchmark (not a test): our viewer and TigerVNC vncviewer, both with their defaults, against one 1920x1080
# Xvnc through shaped links (tc tbf at each profile's rate, 40 ms round trip from a delaying relay), in a network
# namespace of its own (unshare -n; needs root, iproute2). Writes the figures table into docs/BENCHMARKS.md between
# the "wan-figures" markers. Needs Xvnc, Xvfb, vncviewer, xterm, xdotool, ImageMagick.
# Usage: vnc-viewer/bench/run-wan.sh [seconds] [rounds] [profiles Mbit/s, e.g. 10,2] [workloads]
# WAN_DISPLAYS picks the two Xvfb display numbers the viewers draw into (default 81,82); WAN_JAVA_OPTS adds options
# for the benchmark's JVM (e.g. -Dwan.relayTrace=DIR, -Dwan.oursJvm=..., see WanBenchmark and DelayRelay).
set -euo pipefail
cd "$(dirname "$0")/../.."
# One reactor build, so the project's own modules resolve to their build output (nothing is installed).
mvn -B -o -q -pl vnc-viewer -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-cp.txt >/dev/null
# The reactor's own modules from their build output, not from a local repository.
DEPS=$(tr ':' '\n' < vnc-viewer/target/test-cp.txt | sed -E 's#.*/dev/ums/([a-z-]+)/[^/]+/[^/]+\.jar$#\1/target/classes#' | paste -sd:)
CP="vnc-viewer/target/test-classes:vnc-viewer/target/classes:vnc-viewer/target/classes/META-INF/versions/22:$DEPS"
out=vnc-viewer/target/wan
mkdir -p "$out"
started=$(date -u '+%Y-%m-%d %H:%M')
env -u DISPLAY unshare -n -- java ${WAN_JAVA_OPTS:-} -Dwan.displays="${WAN_DISPLAYS:-81,82}" -Dwan.logDir="$out" -cp "$CP" \
  dev.ums.viewer.bench.WanBenchmark "${1:-10}" "${2:-2}" "${3:-10,2}" "${4:-animation,slideshow,typing}" \
  | tee "$out/run.txt"
ended=$(date -u '+%H:%M')
table=$(sed -n '/^| link /,$p' "$out/run.txt")
{
  echo "<!-- wan-figures begin: written by vnc-viewer/bench/run-wan.sh -->"
  echo "Run $started–$ended UTC, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg);" \
    "\`run-wan.sh ${1:-10} ${2:-2} ${3:-10,2} ${4:-animation,slideshow,typing}\`:"
  echo
  echo "$table"
  echo "<!-- wan-figures end -->"
} > "$out/table.md"
python3 - "$out/table.md" <<'PY'
import re, sys
doc = "docs/BENCHMARKS.md"
text = open(doc, encoding="utf-8").read()
table = open(sys.argv[1], encoding="utf-8").read().rstrip("\n")
pattern = re.compile(r"<!-- wan-figures begin.*?<!-- wan-figures end -->", re.S)
if not pattern.search(text):
    sys.exit("docs/BENCHMARKS.md has no wan-figures markers")
open(doc, "w", encoding="utf-8").write(pattern.sub(lambda m: table, text))
PY
echo "figures written to docs/BENCHMARKS.md"
