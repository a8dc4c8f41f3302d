package io.callcenter.agents;

/** Published inside the transaction that wrote an outbox row; the relay hears it only once that transaction commits. */
public record OutboxRowWritten(int agentId) {
}
