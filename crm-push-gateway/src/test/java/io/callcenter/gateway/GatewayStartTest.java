package io.callcenter.gateway;

import io.callcenter.model.events.IncomingCall;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.callcenter.gateway.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A gateway started while calls are already ringing knows them before its first client joins. */
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
}
