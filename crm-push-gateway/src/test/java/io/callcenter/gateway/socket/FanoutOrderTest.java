package io.callcenter.gateway.socket;

import io.callcenter.gateway.GatewayInstance;
import io.callcenter.gateway.JavaCrmClient;
import io.callcenter.gateway.Received;
import io.callcenter.gateway.TestEvents;
import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.model.events.CallEvent;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-event-loop broadcast keeps every joined websocket client's stream whole and in topic order: a burst of
 * events on one partition reaches each of many clients, spread over several event loops, exactly as published.
 * The write-buffer cap is set far below one burst's bytes per client, so a batch written without handing its
 * bytes to the kernel on the way would skip events for clients that read perfectly well. The clients' real
 * pipelines take the pre-built frame bytes ({@link io.callcenter.gateway.nettysocketio.NettySocketIo#takesWireFrames}), so this also shows a real client parses them.
 * The queue limit is 1 event, so the consumer pauses after every poll until the loops have written it: pausing
 * loses nothing and reorders nothing.
 */
@RealInfrastructure
class FanoutOrderTest {
    private static final int CLIENTS = 50;
    private static final int CALLS = 100; // two events each: incoming_call_to_crm, call_ended

    @Test
    void aBurstReachesEveryJoinedWebsocketClientCompleteAndInTopicOrder() throws Exception {
        try (GatewayInstance gateway = GatewayInstance.start("gw-order-" + ProcessHandle.current().pid(), Map.of(
                "callcenter.gateway.slow-client.max-pending-bytes", "8192",
                "callcenter.gateway.slow-client.max-unwritable", "10m",
                "callcenter.gateway.max-queued-events", "1"))) {
            List<JavaCrmClient> crms = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    JavaCrmClient crm = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected();
                    crms.add(crm);
                    crm.join();
                }
                ConnectedClients clients = gateway.bean(ConnectedClients.class);
                assertThat(clients.joinedCount()).isEqualTo(CLIENTS);
                assertThat(clients.all().stream().map(state -> state.websocket().eventLoop()).distinct().count())
                        .as("event loops the clients' channels live on").isGreaterThan(1);

                publishBurstAndAwaitItWholeAndInOrder(crms);
                assertThat(gateway.bean(GatewayMetrics.class).slowClientCount("dropped")).isZero();
                assertThat(clients.all()).as("clients whose real pipeline took the pre-built frame bytes")
                        .allMatch(state -> state.wireFramesChannel() == state.websocket());
            } finally {
                crms.forEach(JavaCrmClient::close);
            }
        }
    }

    @Test
    void aBurstReachesEveryPollingClientCompleteAndInTopicOrder() throws Exception {
        try (GatewayInstance gateway = GatewayInstance.start("gw-order-poll-" + ProcessHandle.current().pid(),
                Map.of("callcenter.gateway.max-queued-events", "1"))) {
            List<JavaCrmClient> crms = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    JavaCrmClient crm = JavaCrmClient.pollingOnly(gateway.url()).awaitConnected();
                    crms.add(crm);
                    crm.join();
                }
                assertThat(gateway.bean(ConnectedClients.class).joinedCount()).isEqualTo(5);

                publishBurstAndAwaitItWholeAndInOrder(crms);

                assertThat(gateway.bean(GatewayMetrics.class).slowClientCount("disconnected")).isZero();
            } finally {
                crms.forEach(JavaCrmClient::close);
            }
        }
    }

    private static void publishBurstAndAwaitItWholeAndInOrder(List<JavaCrmClient> crms) {
        List<CallEvent> burst = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            String callId = TestEvents.newCallId();
            burst.add(TestEvents.incoming(callId));
            burst.add(TestEvents.ended(callId, "customer_hangup"));
            expected.add("incoming_call_to_crm " + callId);
            expected.add("call_ended " + callId);
        }
        Set<String> ours = Set.copyOf(expected);
        String last = expected.get(expected.size() - 1);

        TestEvents.publishOnOneKey("fanout-order", burst);

        for (JavaCrmClient crm : crms) {
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> describe(crm.received()).contains(last));
        }
        for (int i = 0; i < crms.size(); i++) {
            List<String> seen = describe(crms.get(i).received()).stream().filter(ours::contains).toList();
            assertThat(seen).as("events client %d received, in order", i).containsExactlyElementsOf(expected);
        }
    }

    private static List<String> describe(List<Received> received) {
        return received.stream()
                .filter(r -> r.data() != null && r.data().has("callId"))
                .map(r -> r.name() + " " + r.data().get("callId").asString())
                .toList();
    }
}
