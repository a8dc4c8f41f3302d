/**
 * service-kit: what the services share beyond the contract: the REST envelope and its error handling
 * ({@code api}), the Kafka bad-record policy (dead letters) and the declarations of the contract topics, created at
 * start when missing.
 */
package io.callcenter.kit;
