package io.callcenter.gateway;

import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.gateway.socket.ConnectedClients;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CrmTime;
import io.callcenter.model.crm.CustomerInfo;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CRM that stops reading must not make the gateway buffer without bound: its writes are skipped once its channel
 * is over the cap, it is disconnected when it stays there, both are counted, and healthy CRMs keep getting events.
 */
@RealInfrastructure
class SlowClientTest {

    @Test
    void aClientThatStopsReadingIsCutOffAndCountedWhileOthersKeepReceiving() throws Exception {
        try (GatewayInstance gateway = GatewayInstance.start("gw-slow-" + ProcessHandle.current().pid(), Map.of(
                "callcenter.gateway.slow-client.max-pending-bytes", "262144",
                "callcenter.gateway.slow-client.max-unwritable", "300ms"));
             StalledWebsocketClient frozen = new StalledWebsocketClient(gateway.port());
             JavaCrmClient healthy = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            frozen.join();
            healthy.join();
            GatewayMetrics metrics = gateway.bean(GatewayMetrics.class);
            ConnectedClients clients = gateway.bean(ConnectedClients.class);
            assertThat(clients.joinedCount()).isEqualTo(2);

            // bulky calls (an 8 KB customer name), each ended right away so no view keeps them; each batch waits
            // for the healthy client, whose kernel buffers keep its own backlog in Netty small
            String bulky = "Nguyễn Văn A ".repeat(500);
            String lastCallId = null;
            for (int batch = 0; batch < 60 && metrics.slowClientCount("disconnected") == 0; batch++) {
                List<Object> events = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    lastCallId = TestEvents.newCallId();
                    events.add(IncomingCall.of(new IncomingCallToCrm(lastCallId, "0912345678", "1900",
                            new AgentInfo(1, 1, "Admin User", "available"),
                            new CustomerInfo(1, bulky, "0912345678", "a@b.c", "CIF1"),
                            CrmTime.format(Instant.now()), "ringing", "softphone")));
                    events.add(TestEvents.ended(lastCallId, "customer_hangup"));
                }
                TestEvents.publish(events.toArray());
                String waitFor = lastCallId;
                healthy.awaitEvent("call_ended", d -> d.get("callId").asString().equals(waitFor));
            }

            assertThat(metrics.slowClientCount("dropped")).isPositive();
            assertThat(metrics.slowClientCount("disconnected")).isPositive();
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> clients.joinedCount() == 1);
            await().atMost(JavaCrmClient.TIMEOUT).until(frozen::isClosedByServer);
            assertThat(healthy.connected()).isTrue();
        }
    }
}
