/**
 * service-kit: what the services share beyond the contract: the REST envelope and its error handling
 * ({@code api}), the Kafka bad-record policy (dead letters), the declarations of the contract topics, created at
 * start when missing, and for the Kafka Streams services the JSON serde of their internal records
 * ({@code kafka.JsonSerde}) and the health component {@code kafkaStreams}.
 */
package io.callcenter.kit;
