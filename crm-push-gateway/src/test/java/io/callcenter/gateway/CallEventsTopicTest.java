package io.callcenter.gateway;

import io.callcenter.model.Topics;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway reads call-events v2 (domain data) and words the guide's payloads itself; for the migration
 * (README, "call-events v2") a gateway rolled out before call-ingest writes v2 can be set to read v1, and then
 * sends CRMs exactly the same payload.
 */
@RealInfrastructure
class CallEventsTopicTest {

    @Test
    void aGatewaySetToV1ServesTheGuidesPayloadFromV1RecordsAndTheDefaultGatewayReadsV2Only() {
        try (GatewayInstance onV1 = GatewayInstance.start("gw-v1-" + ProcessHandle.current().pid(),
                Map.of("callcenter.gateway.call-events-topic", Topics.CALL_EVENTS));
             JavaCrmClient crmOnV1 = JavaCrmClient.websocketOnly(onV1.url()).awaitConnected();
             JavaCrmClient crmOnV2 = JavaCrmClient.websocketOnly(SharedGateways.first().url()).awaitConnected()) {
            crmOnV1.join();
            crmOnV2.join();
            String onlyOnV1 = TestEvents.newCallId();
            IncomingCall v1 = TestEvents.incoming(onlyOnV1);
            TestEvents.publishToV1(v1);
            String onV2 = TestEvents.newCallId();
            TestEvents.publish(TestEvents.incoming(onV2)); // to v2, after the v1 record

            String received = CallcenterJson.mapper().writeValueAsString(crmOnV1.awaitEvent("incoming_call_to_crm",
                    d -> d.get("callId").asString().equals(onlyOnV1)));
            // the same fields and values (the Java client does not keep the order of the keys)
            String sent = CallcenterJson.mapper().writeValueAsString(v1.payload());
            assertThat(CallcenterJson.mapper().readTree(received)).isEqualTo(CallcenterJson.mapper().readTree(sent));
            crmOnV2.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(onV2));
            assertThat(crmOnV2.named("incoming_call_to_crm"))
                    .noneMatch(r -> r.data().get("callId").asString().equals(onlyOnV1));
        }
    }
}
