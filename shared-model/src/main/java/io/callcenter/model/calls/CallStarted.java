package io.callcenter.model.calls;

import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CustomerInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * A call started ringing. {@code suggestedAgent} (the agent the call is offered to) and {@code customer} (the caller's
 * customer record) are null when unknown; {@code startedAt} is when the VoiceBot said the call started, to the
 * microsecond.
 */
public record CallStarted(UUID eventId, Instant occurredAt, int schemaVersion, String callId, String callerNumber,
                          String calledNumber, AgentInfo suggestedAgent, CustomerInfo customer, String source,
                          Instant startedAt) implements CallEvent {
}
