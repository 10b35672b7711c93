#!/usr/bin/env bash
# Idle devices held by one gateway: memory per connection and heartbeat CPU (see docs/BENCHMARKS.md).
# Options: -Dbench.devices=10000 -Dbench.steadySeconds=60
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
mvn -B -q -DskipTests install -pl launcher,benchmarks -am
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
CP=$(cat benchmarks/target/cp.txt)
exec java -Xmx3g "$@" -Dums.jar=launcher/target/ums.jar -cp "benchmarks/target/classes:$CP" \
  dev.ums.bench.gateway.IdleDevicesBenchmark
