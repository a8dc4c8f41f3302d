/**
 * service-kit: what the services share beyond the contract: the REST envelope and its error handling
 * ({@code api}), the Kafka bad-record policy (dead letters), the declarations of the contract topics, created at
 * start when missing, and the JSON serde of the Kafka Streams services' internal records ({@code kafka.JsonSerde}).
 */
package io.callcenter.kit;
