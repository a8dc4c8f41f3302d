package io.callcenter.gateway;

import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.callcenter.gateway.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway started while calls are already ringing knows them before its first client joins; and it tells a joining
 * client how every call answered or ended within the recovery window (default 2 minutes) ended up, before the
 * ringing calls, also for calls that ended before it started (rebuilt from the topic).
 */
@RealInfrastructure
class GatewayStartTest {

    @Test
    void aGatewayStartedMidRingResyncsItsFirstClientWithEveryCallRingingBeforeItStarted() {
        String ringing = TestEvents.newCallId();
        String answered = TestEvents.newCallId();
        String ended = TestEvents.newCallId();
        IncomingCall ringingCall = TestEvents.incoming(ringing);
        TestEvents.publish(ringingCall, TestEvents.incoming(answered), TestEvents.incoming(ended),
                TestEvents.answered(answered, 4, null), TestEvents.ended(ended, "customer_hangup"));

        try (GatewayInstance fresh = GatewayInstance.start("gw-start-" + ProcessHandle.current().pid());
             JavaCrmClient crm = JavaCrmClient.websocketOnly(fresh.url()).awaitConnected()) {
            crm.join();

            // only the resync can bring these: they were published before the gateway existed
            assertThat(crm.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(ringing)))
                    .isEqualTo(json(ringingCall.payload()));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                    incomingCallIds(crm).stream().noneMatch(id -> id.equals(answered) || id.equals(ended)));
        }
    }

    private static List<String> incomingCallIds(JavaCrmClient crm) {
        return crm.named("incoming_call_to_crm").stream().map(r -> r.data().get("callId").asString()).toList();
    }

    @Test
    void aJoiningClientIsToldTheCallsAnsweredOrEndedWithinTheRecoveryWindowBeforeTheRingingOnes() {
        String ringing = TestEvents.newCallId();
        String answered = TestEvents.newCallId();
        String ended = TestEvents.newCallId();
        String answeredThenEnded = TestEvents.newCallId();
        String endedLongAgo = TestEvents.newCallId();
        IncomingCall ringingCall = TestEvents.incoming(ringing);
        CallAnswered answeredCall = TestEvents.answered(answered, 4, null);
        CallEnded endedCall = TestEvents.ended(ended, "customer_hangup");
        CallEnded lastOfAnsweredThenEnded = TestEvents.ended(answeredThenEnded, "completed");
        CallEnded template = TestEvents.ended(endedLongAgo, "no_answer");
        CallEnded outsideTheWindow = new CallEnded(template.eventId(), Instant.now().minus(Duration.ofMinutes(10)),
                template.schemaVersion(), endedLongAgo, null, null, template.payload(), null);
        TestEvents.publish(TestEvents.incoming(endedLongAgo), outsideTheWindow,
                TestEvents.incoming(answered), TestEvents.incoming(ended), TestEvents.incoming(answeredThenEnded),
                answeredCall, endedCall, TestEvents.answered(answeredThenEnded, 5, null), lastOfAnsweredThenEnded,
                ringingCall);
        Set<String> mine = Set.of(ringing, answered, ended, answeredThenEnded, endedLongAgo);

        try (GatewayInstance fresh = GatewayInstance.start("gw-recover-" + ProcessHandle.current().pid());
             JavaCrmClient crm = JavaCrmClient.websocketOnly(fresh.url()).awaitConnected()) {
            crm.join();
            crm.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(ringing));

            // what this test published, in the order received; other tests' calls on the shared broker are left out
            List<String> seen = new ArrayList<>();
            for (Received r : crm.received()) {
                String callId = switch (r.name()) {
                    case "call_answered" -> r.data().get("call").get("callId").asString();
                    case "call_ended", "incoming_call_to_crm" -> r.data().get("callId").asString();
                    default -> null;
                };
                if (callId != null && mine.contains(callId)) {
                    seen.add(r.name() + " " + callId);
                }
            }
            // finals first (the latest per call; across partitions in the order the gateway read them), then the
            // ringing call; nothing of the call that ended outside the window
            assertThat(seen).hasSize(4);
            assertThat(seen.subList(0, 3)).containsExactlyInAnyOrder(
                    "call_answered " + answered,
                    "call_ended " + ended,
                    "call_ended " + answeredThenEnded);
            assertThat(seen.get(3)).isEqualTo("incoming_call_to_crm " + ringing);
            // byte for byte what the live events carry
            assertThat(crm.awaitEvent("call_answered", d -> d.get("call").get("callId").asString().equals(answered)))
                    .isEqualTo(json(answeredCall.payload()));
            assertThat(crm.awaitEvent("call_ended", d -> d.get("callId").asString().equals(ended)))
                    .isEqualTo(json(endedCall.payload()));
            assertThat(crm.awaitEvent("call_ended", d -> d.get("callId").asString().equals(answeredThenEnded)))
                    .isEqualTo(json(lastOfAnsweredThenEnded.payload()));
        }
    }
}
