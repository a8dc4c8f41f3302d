package io.callcenter.gateway;

import io.callcenter.gateway.socket.ConnectedClients;
import io.callcenter.model.crm.AgentStatusUpdate;
import io.callcenter.testing.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broadcast encodes its JSON once for all its websocket recipients, not once per client
 * ({@code callcenter.gateway.events.encoded}, counted where events are encoded), while every recipient still gets it
 * ({@code callcenter.gateway.events.delivered}).
 */
@RealInfrastructure
class EncodeOnceTest {
    private static final int CLIENTS = 3;
    private static final int EVENTS = 4;
    private static final String EVENT = AgentStatusUpdate.EVENT;

    @Test
    void aBroadcastToSeveralWebsocketClientsEncodesEachEventOnce() throws Exception {
        try (GatewayInstance gateway = GatewayInstance.start("gw-encode-" + ProcessHandle.current().pid(),
                Map.of("callcenter.gateway.replay-window", "0s"))) {
            List<JavaCrmClient> crms = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    JavaCrmClient crm = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected();
                    crms.add(crm);
                    crm.join();
                }
                assertThat(gateway.bean(ConnectedClients.class).joinedCount()).isEqualTo(CLIENTS);
                MeterRegistry registry = gateway.bean(MeterRegistry.class);
                double encodedBefore = count(registry, "callcenter.gateway.events.encoded");
                double deliveredBefore = count(registry, "callcenter.gateway.events.delivered");

                List<Integer> agentIds = new ArrayList<>();
                List<Object> events = new ArrayList<>();
                for (int i = 0; i < EVENTS; i++) {
                    int agentId = TestEvents.newAgentId();
                    agentIds.add(agentId);
                    events.add(TestEvents.agentStatus(agentId, "away", "available"));
                }
                TestEvents.publish(events.toArray());
                for (JavaCrmClient crm : crms) {
                    for (int agentId : agentIds) {
                        crm.awaitEvent(EVENT, d -> d.get("agentId").asInt() == agentId);
                    }
                }

                await().atMost(JavaCrmClient.TIMEOUT).untilAsserted(() -> assertThat(
                        count(registry, "callcenter.gateway.events.delivered") - deliveredBefore)
                        .as("delivered to every client").isEqualTo(EVENTS * CLIENTS));
                assertThat(count(registry, "callcenter.gateway.events.encoded") - encodedBefore)
                        .as("encodes for %d events to %d clients", EVENTS, CLIENTS).isEqualTo(EVENTS);
            } finally {
                crms.forEach(JavaCrmClient::close);
            }
        }
    }

    private static double count(MeterRegistry registry, String name) {
        Counter counter = registry.find(name).tag("event", EVENT).counter();
        return counter == null ? 0 : counter.count();
    }
}
