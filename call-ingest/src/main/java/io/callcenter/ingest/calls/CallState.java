package io.callcenter.ingest.calls;

import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.IncomingCallToCrm;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One call as the lifecycle store keeps it (keyed by callId). {@code incoming} is the payload published when it
 * started; {@code startCommandId} the eventId of the {@code StartCall} that created it; {@code agent} the agent who
 * answered, or null; the end fields are null until it ends.
 */
public record CallState(String callId, CallStatus status, Instant startedAt, UUID startCommandId,
                        IncomingCallToCrm incoming, AgentInfo agent, Instant answeredAt, String endReason,
                        Instant endedAt, Long durationSeconds) {

    static CallState ringing(UUID startCommandId, Instant startedAt, IncomingCallToCrm incoming) {
        return new CallState(incoming.callId(), CallStatus.RINGING, startedAt, startCommandId, incoming, null, null,
                null, null, null);
    }

    CallState answeredBy(AgentInfo answeringAgent, Instant at) {
        return new CallState(callId, CallStatus.CONNECTED, startedAt, startCommandId, incoming, answeringAgent, at,
                null, null, null);
    }

    CallState ended(String reason, Instant at, long duration) {
        return new CallState(callId, CallStatus.ENDED, startedAt, startCommandId, incoming, agent, answeredAt, reason,
                at, duration);
    }

    /** Whole seconds from the start to {@code now}, never negative (clocks of two hosts may disagree slightly). */
    long secondsSinceStart(Instant now) {
        return Math.max(0, Duration.between(startedAt, now).getSeconds());
    }

    boolean ringingLongerThan(Duration timeout, Instant now) {
        return status == CallStatus.RINGING && !startedAt.plus(timeout).isAfter(now);
    }

    boolean connectedLongerThan(Duration limit, Instant now) {
        return status == CallStatus.CONNECTED && answeredAt != null && !answeredAt.plus(limit).isAfter(now);
    }

    boolean endedBefore(Instant cutoff) {
        return status == CallStatus.ENDED && endedAt.isBefore(cutoff);
    }
}
