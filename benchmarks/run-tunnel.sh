#!/usr/bin/env bash
# Tunnel throughput and round trips: UMS tunnel vs direct TCP vs websockify, in one run.
# Needs: websockify, openssl. Options: -Dbench.mib=512 -Dbench.runs=3 -Dbench.roundTrips=5000
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl benchmarks -am
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
CP=$(cat benchmarks/target/cp.txt)
exec java -Xmx1g "$@" -cp "benchmarks/target/classes:$CP" dev.ums.bench.tunnel.TunnelBenchmark
