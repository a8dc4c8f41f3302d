package io.callcenter.model.events;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.crm.CrmError;

import java.time.Instant;
import java.util.UUID;

/**
 * A command could not be applied. It is addressed to {@code requestedBy}: only that socket is told, as an
 * {@code error} event. {@code command} is the client event name ({@code answer_call}, {@code end_call}),
 * {@code commandId} the eventId of the rejected command, {@code code} one of {@link RejectionCode}'s values;
 * {@code agentId} is the agent an {@code answer_call} named (optional: null for {@code end_call} and in events written
 * before it was added); {@code agentStatus} that agent's status when it was the reason (optional: see
 * {@link io.callcenter.model.calls.CommandRejected}); {@code message} the sentence CRMs are shown
 * ({@link CrmError#rejectionMessage}).
 */
public record CommandRejected(UUID eventId, Instant occurredAt, int schemaVersion, String callId, UUID commandId,
                              String command, RequestedBy requestedBy, String code, String message, Integer agentId,
                              String agentStatus) implements CallEvent {

    /** A rejection with its sentence from the guide's table ({@link CrmError#rejectionMessage}). */
    public static CommandRejected worded(String callId, UUID commandId, String command, RequestedBy requestedBy,
                                         RejectionCode code, Integer agentId, String agentStatus) {
        return new CommandRejected(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, callId, commandId, command,
                requestedBy, code.code(), CrmError.rejectionMessage(code.code(), callId, agentId, agentStatus), agentId,
                agentStatus);
    }

    public static CommandRejected of(String callId, UUID commandId, String command, RequestedBy requestedBy,
                                     RejectionCode code, String message) {
        return of(callId, commandId, command, requestedBy, code, message, null);
    }

    public static CommandRejected of(String callId, UUID commandId, String command, RequestedBy requestedBy,
                                     RejectionCode code, String message, Integer agentId) {
        return new CommandRejected(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, callId, commandId, command,
                requestedBy, code.code(), message, agentId, null);
    }
}
