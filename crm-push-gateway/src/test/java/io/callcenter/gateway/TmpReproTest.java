package io.callcenter.gateway;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.BeforeAll;
import java.util.ArrayList;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;
@RealInfrastructure
class TmpReproTest {
    static GatewayInstance gw;
    @BeforeAll
    static void fill() {
        gw = SharedGateways.second();
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < 850; i++) {
            String id = TestEvents.newCallId();
            events.add(TestEvents.incoming(id));
            events.add(TestEvents.ended(id, "customer_hangup"));
        }
        for (int i = 0; i < 17; i++) events.add(TestEvents.incoming(TestEvents.newCallId()));
        TestEvents.publish(events.toArray());
    }
    @RepeatedTest(15)
    void pollingJoins() {
        List<JavaCrmClient> crms = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) crms.add(JavaCrmClient.pollingOnly(gw.url()).awaitConnected());
            crms.forEach(JavaCrmClient::join);
            String callId = TestEvents.newCallId();
            TestEvents.publish(TestEvents.incoming(callId));
            crms.forEach(crm -> crm.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(callId)));
            crms.forEach(crm -> assertThat(crm.disconnects()).isEmpty());
        } finally {
            crms.forEach(JavaCrmClient::close);
        }
    }
}
