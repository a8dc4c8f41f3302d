package io.callcenter.model.events;

import io.callcenter.model.crm.IncomingCallToCrm;

import java.time.Instant;
import java.util.UUID;

/** A call started ringing; {@code payload} is exactly what CRMs receive as {@code incoming_call_to_crm}. */
public record IncomingCall(UUID eventId, Instant occurredAt, int schemaVersion, String callId,
                           IncomingCallToCrm payload) implements CallEvent {

    public static IncomingCall of(IncomingCallToCrm payload) {
        return new IncomingCall(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, payload.callId(), payload);
    }
}
