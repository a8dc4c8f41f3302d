package io.callcenter.model.calls;

import io.callcenter.model.RequestedBy;

import java.time.Instant;
import java.util.UUID;

/**
 * A call ended at {@code occurredAt}, ringing or connected. {@code agentId} is the agent who had the call, null when
 * it ended unanswered; {@code endReason} as the VoiceBot or CRM gave it ({@code no_answer} for a ring timeout,
 * {@code max_duration} for the maximum duration); {@code durationSeconds} in whole seconds since the call started.
 * {@code commandId} is the eventId of the {@code EndCall} that ended it, null when a timer did.
 */
public record CallEnded(UUID eventId, Instant occurredAt, int schemaVersion, String callId, Integer agentId,
                        String endReason, long durationSeconds, RequestedBy requestedBy, UUID commandId)
        implements CallEvent {
}
