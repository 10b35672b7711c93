#!/usr/bin/env bash
# Attacks a real `ums server` and `ums icg` (issue 12) and writes the figures into docs/SECURITY.md, between
# the "attack-figures" markers (see that file for what each figure means).
# Options: -Dbench.uploads=1000 -Dbench.floodThreads=32 -Dbench.floodSeconds=60 -Dbench.killRounds=5
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# package, never install: the reactor resolves the project's own modules from their target directories
mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt -pl launcher,benchmarks -am
CP=$(cat benchmarks/target/cp.txt)
FIGURES=benchmarks/target/attack-figures.md
java -Xmx1g "$@" -Dums.jar=launcher/target/ums.jar -cp "benchmarks/target/classes:$CP" \
  dev.ums.bench.attack.AttackBenchmark "$FIGURES"
python3 - "$FIGURES" docs/SECURITY.md <<'PY'
import sys
figures, doc = sys.argv[1], sys.argv[2]
text = open(doc).read()
start, end = "<!-- attack-figures:start -->", "<!-- attack-figures:end -->"
a, b = text.index(start) + len(start), text.index(end)
open(doc, "w").write(text[:a] + "\n" + open(figures).read().rstrip() + "\n" + text[b:])
PY
echo "figures written to docs/SECURITY.md"
