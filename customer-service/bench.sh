#!/usr/bin/env bash
# customer-service benchmark, one command from the repository root or anywhere:
#   customer-service/bench.sh [rows=1000000] [clientThreads=8] [requestsPerThread=500] [resultFile]
# Builds the module (tests skipped), then runs io.callcenter.customers.bench.CustomerBenchmark: embedded PostgreSQL,
# the service on a random port, a timed CSV import through HTTP, then concurrent exact and partial searches.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o install -DskipTests -pl customer-service
mvn -B -q -o dependency:build-classpath -pl customer-service -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
exec java -Xms1g -Xmx2g -cp "customer-service/target/test-classes:customer-service/target/classes:$(cat customer-service/target/bench.classpath)" \
    io.callcenter.customers.bench.CustomerBenchmark "$@"
