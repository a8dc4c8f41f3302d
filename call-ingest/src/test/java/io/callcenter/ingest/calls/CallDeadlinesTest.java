package io.callcenter.ingest.calls;

import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.IncomingCallToCrm;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep's index: which calls are due for the ring timeout and for the retention, and only those. */
class CallDeadlinesTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final AgentInfo AGENT = new AgentInfo(1, 1, "Admin User", "busy");

    private final CallDeadlines deadlines = new CallDeadlines();

    @Test
    void ringingCallsAreDueOnceTheyStartedAtOrBeforeTheCutoffOldestFirst() {
        deadlines.track(ringing("B", T0.plusSeconds(2)));
        deadlines.track(ringing("A", T0));
        deadlines.track(ringing("C", T0.plusSeconds(5)));

        assertThat(deadlines.ringingSince(T0.minusNanos(1))).isEmpty();
        assertThat(deadlines.ringingSince(T0)).containsExactly("A");
        assertThat(deadlines.ringingSince(T0.plusSeconds(2))).containsExactly("A", "B");
        assertThat(deadlines.endedBefore(T0.plusSeconds(60))).as("ringing calls have no retention").isEmpty();
    }

    @Test
    void callsStartedInTheSameInstantAreAllDue() {
        deadlines.track(ringing("X", T0));
        deadlines.track(ringing("Y", T0));

        assertThat(deadlines.ringingSince(T0)).containsExactly("X", "Y");
    }

    @Test
    void anAnsweredCallIsDueForTheMaximumDurationFromItsAnswerUntilItEnds() {
        CallState ringing = ringing("A", T0);
        deadlines.track(ringing);
        CallState connected = ringing.answeredBy(AGENT, T0.plusSeconds(1));
        deadlines.track(connected);

        assertThat(deadlines.ringingSince(T0.plusSeconds(60))).isEmpty();
        assertThat(deadlines.endedBefore(T0.plusSeconds(60))).isEmpty();
        assertThat(deadlines.connectedSince(T0)).as("answered after the cutoff").isEmpty();
        assertThat(deadlines.connectedSince(T0.plusSeconds(1))).containsExactly("A");
        assertThat(deadlines.size()).isOne();

        deadlines.track(connected.ended("agent_hangup", T0.plusSeconds(30), 30));
        assertThat(deadlines.endedBefore(T0.plusSeconds(30))).as("strictly before the cutoff").isEmpty();
        assertThat(deadlines.endedBefore(T0.plusSeconds(31))).containsExactly("A");
        assertThat(deadlines.connectedSince(T0.plusSeconds(60))).isEmpty();
        assertThat(deadlines.size()).isOne();
    }

    @Test
    void anEndedCallMovesFromRingingToEndedAndAForgottenOneIsGone() {
        CallState call = ringing("A", T0);
        deadlines.track(call);
        deadlines.track(call.ended("no_answer", T0.plusSeconds(45), 45));

        assertThat(deadlines.ringingSince(T0.plusSeconds(60))).isEmpty();
        assertThat(deadlines.endedBefore(T0.plusSeconds(60))).containsExactly("A");

        deadlines.forget("A");
        assertThat(deadlines.endedBefore(T0.plusSeconds(60))).isEmpty();
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void forgettingAnUnknownCallChangesNothing() {
        deadlines.track(ringing("A", T0));

        deadlines.forget("nobody");

        assertThat(deadlines.ringingSince(T0)).containsExactly("A");
    }

    @Test
    void clearedDeadlinesNameNothing() {
        deadlines.track(ringing("A", T0));
        deadlines.track(ringing("B", T0).ended("no_answer", T0, 0));

        deadlines.clear();

        assertThat(deadlines.ringingSince(T0.plusSeconds(60))).isEmpty();
        assertThat(deadlines.endedBefore(T0.plusSeconds(60))).isEmpty();
        assertThat(deadlines.size()).isZero();
    }

    private static CallState ringing(String callId, Instant startedAt) {
        IncomingCallToCrm payload = new IncomingCallToCrm(callId, "0912345678", "1900", null, null,
                "2026-11-27T10:00:00.000000", IncomingCallToCrm.STATUS_RINGING, "softphone");
        return CallState.ringing(UUID.randomUUID(), startedAt, payload);
    }
}
