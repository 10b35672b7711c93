#!/usr/bin/env bash
# Viewer benchmarks (not tests): JMH decode throughput per encoding, then frames of a 1920x1080
# animation in N seconds, ours vs TigerVNC vncviewer (windows; one after the other with "frames",
# both connected at once with "together") and vs vernacular (engines only).
# Needs Xvnc, Xvfb, vncviewer, ImageMagick.
# Usage: vnc-viewer/bench/run-benchmarks.sh [decode|frames|together|engines|all] [seconds] [jpeg-quality] [rounds]
#        vnc-viewer/bench/run-benchmarks.sh overdraw [rectangles] [kinds] [close|per=N]   (a hostile update's cost)
# BENCH_OPTS adds JVM options to the frames benchmark, e.g. variants of ours side by side (no spaces
# inside a variant): BENCH_OPTS='-Dbench.variants=before=-Dbench.prependCp=/tmp/base/classes;after='
# (see ViewerFramesBenchmark). "together" with quality -2 runs both viewers with their defaults; our viewer on another
# JDK (Tight JPEG through TurboJPEG needs 22+): BENCH_OPTS='-Dbench.java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
# -Dbench.oursOptions=--enable-native-access=ALL-UNNAMED'.
# "together" with ours as an installed user runs it (whole process counted, as vncviewer's; prints ours' CPU by kind
# of thread): BENCH_OPTS=-Dbench.oursCommand=installer/target/app-image/ums-console/bin/ums-console (after
# mvn -Pinstaller package), or -Dbench.oursCommand=java,-jar,launcher/target/ums.jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
what=${1:-all}
# Built in the reactor, never installed: the test classes and the class path come from the same build.
mvn -B -o -q -DskipTests package test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-cp.txt -pl vnc-viewer -am >/dev/null
CP="vnc-viewer/target/test-classes:vnc-viewer/target/classes:vnc-viewer/target/classes/META-INF/versions/22:$(cat vnc-viewer/target/test-cp.txt)"
if [[ $what == decode || $what == all ]]; then
  java -cp "$CP" org.openjdk.jmh.Main dev.ums.viewer.bench.DecodeBenchmark -rf text -rff vnc-viewer/target/jmh-decode.txt
fi
if [[ $what == frames || $what == all ]]; then
  # shellcheck disable=SC2086  # BENCH_OPTS is a list of options
  env -u DISPLAY java ${BENCH_OPTS:-} -cp "$CP" dev.ums.viewer.bench.ViewerFramesBenchmark "${2:-10}" "${3:-6}" "${4:-2}"
fi
if [[ $what == together || $what == all ]]; then
  # shellcheck disable=SC2086  # BENCH_OPTS is a list of options, e.g. -Dbench.pin=true
  env -u DISPLAY java ${BENCH_OPTS:-} -cp "$CP" dev.ums.viewer.bench.HeadToHeadBenchmark "${2:-10}" "${3:-6}" "${4:-10}"
fi
if [[ $what == engines || $what == all ]]; then
  env -u DISPLAY java -cp "$CP" dev.ums.viewer.bench.EngineFramesBenchmark "${2:-10}" "${4:-2}"
fi
if [[ $what == overdraw ]]; then
  java -cp "$CP" dev.ums.viewer.bench.OverdrawBenchmark "${2:-65535}" "${3:-all}" ${4:+"$4"}
fi
