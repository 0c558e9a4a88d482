#!/usr/bin/env bash
# Load benchmark of POST /api/v1/responses (src/test/java/vn/hailong/collect/bench/SubmissionLoad.java):
# 8 clients over loopback, in rounds alternating with the raw single-row insert rate of the same PostgreSQL (the
# ratio per round, and its mean with a 95 % confidence interval; the target is at least the raw rate), then a fixed
# 500/s.
# Starts its own embedded PostgreSQL unless --database-url is given. Bounded: 10 s per phase by default.
# Usage: bench/collect.sh [--seconds 10] [--rounds 5] [--warm-up 60] [--clients 8] [--rate 500]
#                         [--database-url URL] [--profile] [--without-rollups]
# --profile: also print where PostgreSQL spent its time, statement by statement (pg_stat_statements).
# --without-rollups: ratings stored without their rollups (benchmark only), to see what the rollups cost.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    vn.hailong.collect.bench.SubmissionLoad "$@" 2>&1 | grep --line-buffered -v -E '^[0-9:.]+ INFO '
