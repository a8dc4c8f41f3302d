package io.callcenter.model.calls;

import io.callcenter.model.RequestedBy;

import java.time.Instant;
import java.util.UUID;

/**
 * A command could not be applied; addressed to {@code requestedBy}. {@code command} is the client event
 * ({@code answer_call}, {@code end_call}), {@code commandId} the rejected command's eventId, {@code code} one of
 * {@link io.callcenter.model.events.RejectionCode}'s values (the contract: no sentence is stored). {@code agentId} is
 * the agent an {@code answer_call} named; {@code agentStatus} that agent's status in agent-directory when it decided
 * the rejection ({@code away}, {@code offline}, {@code busy}), null when the status was not the reason (for
 * {@code agent_busy}: the agent holds or has just won another call).
 */
public record CommandRejected(UUID eventId, Instant occurredAt, int schemaVersion, String callId, UUID commandId,
                              String command, String code, Integer agentId, String agentStatus,
                              RequestedBy requestedBy) implements CallEvent {
}
