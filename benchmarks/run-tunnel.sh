#!/usr/bin/env bash
# Tunnel throughput and round trips: UMS tunnel vs direct TCP vs websockify, the console's side on our client,
# Tyrus and OkHttp, in one run; then each client's memory under a stalled reader.
# Needs: websockify, openssl. Options: -Dbench.mib=512 -Dbench.runs=3 -Dbench.roundTrips=5000
# -Dbench.stallSeconds=20 (0 skips the stalled-reader probes), -Dbench.throughput=false (only the probes),
# -Dbench.handoff=unbounded (the library adapters' handlers never block: what the libraries do without backpressure)
set -euo pipefail
cd "$(dirname "$0")/.."
# Built in the reactor (nothing installed into the local repository): the class path names the modules' jars.
mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt -pl benchmarks -am \
    >/dev/null
CP=$(cat benchmarks/target/cp.txt)
exec java -Xmx1g "$@" -cp "benchmarks/target/classes:$CP" dev.ums.bench.tunnel.TunnelBenchmark
