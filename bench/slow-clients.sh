#!/usr/bin/env bash
# Slow clients (src/test/java/vn/hailong/http/SlowClients.java): N connections over loopback each start a 100 KB
# rating and send it 10 bytes every 5 s, while a probe asks /health every 250 ms and submits a rating every second.
# Prints how the probe fared and how many slow connections the server cut off. Loopback only; bounded in time.
# Usage: bench/slow-clients.sh [--connections 1000] [--seconds 30]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    vn.hailong.http.SlowClients "$@" 2>&1 | grep --line-buffered -v -E '^[0-9:.]+ (INFO|WARN) '
