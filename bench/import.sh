#!/usr/bin/env bash
# Import benchmark of POST /api/v1/imports (src/test/java/vn/hailong/imports/bench/ImportBenchmark.java):
# generates a CSV of SIPAS responses in a temporary file, starts Hài Lòng on its own embedded PostgreSQL,
# imports the file, then imports it again, printing time, rows/s and peak heap. A small heap (256 MB by
# default) shows that memory does not grow with the file.
# Usage: bench/import.sh [--rows 1000000] [--shuffle] [--database-url URL]   (HEAP=512m bench/import.sh ...)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -Xmx"${HEAP:-256m}" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    vn.hailong.imports.bench.ImportBenchmark "$@" 2>&1 | grep -vP ' INFO (?!ResponseImport)'
