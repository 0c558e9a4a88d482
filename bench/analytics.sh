#!/usr/bin/env bash
# Analytics benchmark of issue #6 (src/test/java/vn/hailong/analytics/bench/AnalyticsLoad.java): every analytics
# endpoint for the whole demo province at ~50 k responses and again at 5 M (generated straight into PostgreSQL,
# rollups rebuilt), then ingestion with and without rollups. Starts its own embedded PostgreSQL in a temp dir,
# and the server in its own JVM (--server-heap, default 2g): a server out of memory is started again.
# Bounded: at most --budget s per endpoint and phase, --seconds s per ingestion run; generation and rebuild of
# 5 M responses take a while (see docs/benchmarks.md).
# Usage: bench/analytics.sh [--responses 5000000] [--calls 30] [--warmup 3] [--budget 60] [--seconds 10]
#                           [--clients 8] [--rounds 8] [--window-days 10] [--timeout 900] [--server-heap 2g]
#                           [--larger-heap 8g]   (time an endpoint again on a larger heap when it ran out of memory)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    vn.hailong.analytics.bench.AnalyticsLoad "$@" 2>&1 | grep --line-buffered -v -E '^[0-9:.]+ INFO '
