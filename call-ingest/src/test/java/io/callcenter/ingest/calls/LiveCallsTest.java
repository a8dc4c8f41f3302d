package io.callcenter.ingest.calls;

import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.IncomingCallToCrm;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST listing's index: a call is named under its current status while ringing or connected, never ended. */
class LiveCallsTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private final LiveCalls live = new LiveCalls();

    @Test
    void aCallIsListedUnderItsCurrentStatusAndLeavesWhenItEnds() {
        CallState ringing = ringing("A");
        live.update(ringing);
        live.update(ringing("B"));
        assertThat(live.withStatus(CallStatus.RINGING)).containsExactlyInAnyOrder("A", "B");

        CallState connected = ringing.answeredBy(new AgentInfo(1, 1, "Admin User", "busy"), T0.plusSeconds(3));
        live.update(connected);
        assertThat(live.withStatus(CallStatus.RINGING)).containsExactly("B");
        assertThat(live.withStatus(CallStatus.CONNECTED)).containsExactly("A");

        live.update(connected.ended("agent_hangup", T0.plusSeconds(20), 20));
        assertThat(live.withStatus(CallStatus.CONNECTED)).isEmpty();
        assertThat(live.withStatus(CallStatus.ENDED)).as("ended calls are not kept here").isEmpty();
    }

    @Test
    void aRemovedCallIsNoLongerListed() {
        live.update(ringing("A"));

        live.remove("A");
        live.remove("never seen");

        assertThat(live.withStatus(CallStatus.RINGING)).isEmpty();
    }

    private static CallState ringing(String callId) {
        IncomingCallToCrm payload = new IncomingCallToCrm(callId, "0912345678", "1900", null, null,
                "2026-11-27T10:00:00.000000", IncomingCallToCrm.STATUS_RINGING, "softphone");
        return CallState.ringing(UUID.randomUUID(), T0, payload);
    }
}
