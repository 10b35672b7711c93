#!/usr/bin/env bash
# Scale-out figures (issue 15, see docs/BENCHMARKS.md "Scale-out"): two `ums server` nodes from launcher/target/ums.jar
# on one PostgreSQL (started here, default settings, in a temporary directory on a free port) behind HAProxy (PROXY
# protocol v2 to the nodes' --proxy-port), with simulated devices from their own loopback addresses (10,000 on one
# node; 2 × 4,900 through HAProxy). Writes the figures to
# benchmarks/target/cluster-figures.md. Needs: PostgreSQL (Debian package postgresql), haproxy, an open-files limit
# of 20,000 (HAProxy needs two per connection: 2 × 10,000 through it needs a limit of ≥ 41,000, root outside a
# container can raise it, then pass -Dbench.balancedDevices=10000).
# Options: -Dbench.devices=10000 -Dbench.balancedDevices=4900 -Dbench.steadySeconds=60 -Dbench.latencyStarts=200 -Dbench.throughputSeconds=30
#          -Dbench.throughputConsoles=8 -Dbench.nodeHeap=2g -Dbench.devicesPerAddress=8 -Dbench.nodeJvm="-Xlog:gc:file=…"
#          -Dbench.listPollMillis=3000 (how often the failover reads the survivor's device list; a console's default)
# Environment: UMS_JAR=path runs the nodes from another build's ums.jar (to compare two servers with one benchmark);
#          NODE_JAVA=path/bin/java the nodes' Java (default: Temurin 25 where installed, as the installer's runtime);
#          CLUSTER_BUILD=0 skips the build (build first under the machine's shared lock, then run this alone);
#          CLUSTER_PIN=1 (needs taskset and two processors) gives node 2, the survivor of the failover, processor 1 to
#          itself and pins everything else (PostgreSQL, the benchmark with its devices, HAProxy, node 1) to
#          processor 0, as devices and the other node run on processors of their own in the field.
set -euo pipefail
cd "$(dirname "$0")/.."
# the benchmark and a node hold 10,000 sockets, HAProxy two per connection (the children inherit this limit)
ulimit -Hn 100000 2>/dev/null || true
ulimit -n "$(ulimit -Hn)"
# package, never install: the reactor resolves the project's own modules from their target directories
if [ "${CLUSTER_BUILD:-1}" != 0 ]; then
  mvn -B -q -o -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt -pl launcher,benchmarks -am
fi
CP=$(cat benchmarks/target/cp.txt)
PIN=()
PIN_NODES=()
if [ "${CLUSTER_PIN:-0}" = 1 ]; then
  PIN=(taskset -c 0)
  PIN_NODES=(-Dbench.nodeCpus=0/1)
fi

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_DIR=$(mktemp -d /tmp/ums-bench-pg.XXXXXX)
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
AS_PG=()
if [ "$(id -u)" = 0 ]; then   # PostgreSQL refuses to run as root
  chown postgres:postgres "$PG_DIR"
  AS_PG=(runuser -u postgres --)
fi
stop_pg() {
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U ums -A trust -E UTF8 >"$PG_DIR/initdb.log"
"${PIN[@]}" "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -t 60 -l "$PG_DIR/server.log" \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null

# The nodes run on the Java the installer links into its runtime (docs/INSTALL.md): Temurin 25 where it is installed,
# else the build's Java ($NODE_JAVA chooses another). The simulated devices bind their own loopback source addresses
# (SourceAddresses), which the JDK's HTTP client can from Java 19 on: the benchmark runs on the newest JDK found here
# (or $BENCH_JAVA).
NODE_JAVA=${NODE_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$NODE_JAVA" ] || NODE_JAVA=$(readlink -f "$(command -v java)")
BENCH_JAVA=${BENCH_JAVA:-$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | while read -r j; do
  v=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "${v:-0}" -ge 19 ] 2>/dev/null && echo "$v $j"; done | sort -n | tail -1 | cut -d' ' -f2)}
BENCH_JAVA=${BENCH_JAVA:-$NODE_JAVA}
"${PIN[@]}" "$BENCH_JAVA" -Xmx6g -Dbench.nodeJava="$NODE_JAVA" "${PIN_NODES[@]}" "$@" -Dums.jar="${UMS_JAR:-launcher/target/ums.jar}" -Dbench.db="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
  -cp "benchmarks/target/classes:$CP" dev.ums.bench.cluster.ClusterBenchmark benchmarks/target/cluster-figures.md
