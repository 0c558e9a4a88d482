#!/usr/bin/env bash
# What a citizen's rating costs the server, the whole path through (src/test/java/vn/hailong/collect/bench/CitizenPath.java):
# /s/{code}, the survey page with its style sheets, modules and icon, the link, the published form and the rating, as
# a browser requests them. The server runs in its own JVM on its own embedded PostgreSQL; its CPU time is read from
# /proc (the load generator is not counted). In rounds: a first visit (empty browser cache), a visit --since seconds
# later with the cache the first left, and the rating alone; the mean per path with a 95 % confidence interval.
# Bounded: about 20 s of start-up, --warm-up s, then rounds × 3 × --seconds (default under 3 minutes in all).
# Usage: bench/citizen.sh [--seconds 4] [--rounds 6] [--clients 2] [--warm-up 60] [--since 86400]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    vn.hailong.collect.bench.CitizenPath "$@" 2>&1 | grep --line-buffered -v -E '^[0-9:.]+ INFO '
