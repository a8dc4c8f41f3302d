/**
 * shared-model: the contract between the services and with data teams, nothing else. One sealed interface per topic
 * ({@code events.CallEvent}, {@code commands.CallCommand}, {@code agents.AgentEvent}) whose records are the values,
 * {@link io.callcenter.model.Topics} (names and keys), the guide's Socket.IO payloads ({@code crm}), the one Jackson
 * configuration and the Kafka serde ({@code serde}); JSON Schemas of every topic under {@code schemas/}.
 */
package io.callcenter.model;
