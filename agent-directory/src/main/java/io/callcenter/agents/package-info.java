/**
 * agent-directory: agents and their status in PostgreSQL. {@code AgentController} / {@code AgentService} change a
 * status and write an outbox row in the same transaction; {@code OutboxRelay} (one instance at a time, advisory lock)
 * publishes the rows as {@code AgentStatusChanged} on agent-events. {@code CallEventsListener} reads call-events: an
 * answered call makes its agent busy, its end available again.
 */
package io.callcenter.agents;
