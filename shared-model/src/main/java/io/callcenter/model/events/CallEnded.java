package io.callcenter.model.events;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.crm.CallEndedToCrm;

import java.time.Instant;
import java.util.UUID;

/**
 * A call ended, ringing or connected. {@code agentId} is the agent who had the call, or null when it ended unanswered;
 * {@code payload} is exactly what CRMs receive as {@code call_ended}. {@code commandId} is the eventId of the
 * {@code EndCall} that ended it, or null when a timer ended it (ring timeout, maximum duration) or in events written
 * before the field was added.
 */
public record CallEnded(UUID eventId, Instant occurredAt, int schemaVersion, String callId, Integer agentId,
                        RequestedBy requestedBy, CallEndedToCrm payload, UUID commandId) implements CallEvent {

    /** An end not traced to a command (commandId null). */
    public static CallEnded of(Integer agentId, RequestedBy requestedBy, CallEndedToCrm payload) {
        return of(agentId, null, requestedBy, payload);
    }

    public static CallEnded of(Integer agentId, UUID commandId, RequestedBy requestedBy, CallEndedToCrm payload) {
        return new CallEnded(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, payload.callId(), agentId, requestedBy,
                payload, commandId);
    }
}
