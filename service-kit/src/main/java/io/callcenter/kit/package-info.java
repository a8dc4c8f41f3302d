/**
 * service-kit: what the services share beyond the contract: the REST envelope and its error handling
 * ({@code api}), the Kafka bad-record policy (dead letters), the declarations of the contract topics, created at
 * start when missing, and for the Kafka Streams services the JSON serde of their internal records
 * ({@code kafka.JsonSerde}), the health component {@code kafkaStreams} and how their streams start and stop.
 */
package io.callcenter.kit;
