package io.callcenter.ingest.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One agent's seat as {@link AgentSeatProcessor} keeps it (store {@value CallLifecycleTopology#SEATS_STORE}, keyed by
 * agentId): the call the agent holds ({@code callId}, null when free), the {@code AnswerCall} that took it
 * ({@code commandId}), whether the lifecycle confirmed it ({@code connected}) or it is only reserved, since when, and
 * the last calls released from this seat ({@code released}, newest last), which tell a stale {@code busy} in
 * agent-directory's table from a real one.
 */
record AgentSeat(int agentId, String callId, UUID commandId, boolean connected, Instant since,
                 List<String> released) {
    static final int RELEASED_KEPT = 8;

    AgentSeat {
        released = released == null ? List.of() : List.copyOf(released);
    }

    static AgentSeat free(int agentId) {
        return new AgentSeat(agentId, null, null, false, null, List.of());
    }

    /**
     * Whether the agent holds a call now: a confirmed one, or a reservation younger than {@code reservationTimeout}
     * (a reservation whose outcome never came back, which exactly-once processing should rule out, frees the seat
     * after that rather than never).
     */
    boolean holdsACall(Instant now, Duration reservationTimeout) {
        return callId != null && (connected || since.plus(reservationTimeout).isAfter(now));
    }

    AgentSeat reserved(String newCallId, UUID newCommandId, Instant at) {
        return new AgentSeat(agentId, newCallId, newCommandId, false, at, released);
    }

    AgentSeat connectedTo(String newCallId, UUID newCommandId, Instant at) {
        return new AgentSeat(agentId, newCallId, newCommandId, true, at, released);
    }

    /** Frees the seat if it holds {@code endedCallId}, and remembers that call as ended either way. */
    AgentSeat releasing(String endedCallId, Instant at) {
        List<String> kept = new ArrayList<>(released);
        kept.remove(endedCallId);
        kept.add(endedCallId);
        while (kept.size() > RELEASED_KEPT) {
            kept.remove(0);
        }
        boolean holdsIt = endedCallId.equals(callId);
        return new AgentSeat(agentId, holdsIt ? null : callId, holdsIt ? null : commandId, holdsIt ? false : connected,
                holdsIt ? at : since, kept);
    }

    boolean releasedCall(String someCallId) {
        return someCallId != null && released.contains(someCallId);
    }
}
