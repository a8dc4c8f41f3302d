package io.callcenter.model.events;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.crm.CallAnsweredToCrm;

import java.time.Instant;
import java.util.UUID;

/**
 * A ringing call was answered by {@code agentId}; the first valid answer wins. {@code payload} is exactly what CRMs
 * receive as {@code call_answered}. {@code commandId} is the eventId of the {@code AnswerCall} that won (optional:
 * absent in events written before it was added), so its sender can tell its own command won.
 */
public record CallAnswered(UUID eventId, Instant occurredAt, int schemaVersion, String callId, int agentId,
                           RequestedBy requestedBy, CallAnsweredToCrm payload, UUID commandId) implements CallEvent {

    /** An answer not traced to a command (commandId null). */
    public static CallAnswered of(int agentId, RequestedBy requestedBy, CallAnsweredToCrm payload) {
        return of(agentId, null, requestedBy, payload);
    }

    public static CallAnswered of(int agentId, UUID commandId, RequestedBy requestedBy, CallAnsweredToCrm payload) {
        return new CallAnswered(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, payload.call().callId(), agentId,
                requestedBy, payload, commandId);
    }
}
