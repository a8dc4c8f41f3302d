package io.callcenter.model.commands;

import io.callcenter.model.RequestedBy;

import java.time.Instant;
import java.util.UUID;

/** A CRM asks that {@code agentId} take the ringing call (the guide's {@code answer_call}). */
public record AnswerCall(UUID eventId, Instant occurredAt, int schemaVersion, String callId, int agentId,
                         String source, RequestedBy requestedBy) implements CallCommand {

    public static AnswerCall of(String callId, int agentId, String source, RequestedBy requestedBy) {
        return new AnswerCall(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, callId, agentId, source, requestedBy);
    }
}
