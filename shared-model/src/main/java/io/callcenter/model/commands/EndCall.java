package io.callcenter.model.commands;

import io.callcenter.model.RequestedBy;

import java.time.Instant;
import java.util.UUID;

/**
 * A CRM (the guide's {@code end_call}, e.g. {@code crm_reject}) or the VoiceBot ({@code customer_hangup}) asks that
 * the call end.
 */
public record EndCall(UUID eventId, Instant occurredAt, int schemaVersion, String callId, String endReason,
                      String source, RequestedBy requestedBy) implements CallCommand {

    public static EndCall of(String callId, String endReason, String source, RequestedBy requestedBy) {
        return new EndCall(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, callId, endReason, source, requestedBy);
    }
}
