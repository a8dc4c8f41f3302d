package io.callcenter.model.calls;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CustomerInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * A ringing call was answered by {@code agentId} ({@code agent}: that agent, now busy) at {@code occurredAt}; the
 * first valid answer wins. {@code customer} is the caller's record or null; {@code commandId} is the eventId of the
 * {@code AnswerCall} that won, null for an answer not traced to a command.
 */
public record CallAnswered(UUID eventId, Instant occurredAt, int schemaVersion, String callId, int agentId,
                           AgentInfo agent, CustomerInfo customer, RequestedBy requestedBy, UUID commandId)
        implements CallEvent {
}
