#!/usr/bin/env bash
# Runs the statistics-core benchmarks (JMH, in src/test/java/vn/hailong/stats/bench) and prints the figures.
# A short run: one fork, a few iterations. Pinned to one core when taskset is available.
# Extra arguments go to JMH, e.g.: bench/stats.sh RollupMerge -i 3
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
pin=()
if command -v taskset >/dev/null; then
    pin=(taskset -c 0)
fi
"${pin[@]}" java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    org.openjdk.jmh.Main 'vn\.hailong\.stats\.bench\..*' -jvmArgs '-Xmx1g' "$@"
