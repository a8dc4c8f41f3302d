package io.callcenter.gateway;

import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.gateway.socket.ConnectedClients;
import io.callcenter.testing.EngineIoPollingSession;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A long-polling CRM that stops polling must not make the gateway queue without bound: once more than
 * {@code slow-client.max-polling-queue} packets wait for it, it is disconnected and counted, while a polling CRM that
 * keeps polling gets every event, before and after.
 */
@RealInfrastructure
class SlowPollingClientTest {
    private static final int MAX_POLLING_QUEUE = 20;
    private static final int EVENTS_PER_BATCH = 5;

    @Test
    void aPollingClientThatStopsPollingIsDisconnectedAndCountedWhileAPollingClientThatPollsKeepsReceiving()
            throws Exception {
        try (GatewayInstance gateway = GatewayInstance.start("gw-slowpoll-" + ProcessHandle.current().pid(), Map.of(
                // no replay: a join then resends no old ringing calls, so only this test's events fill the queue
                "callcenter.gateway.replay-window", "0s",
                "callcenter.gateway.slow-client.max-polling-queue", String.valueOf(MAX_POLLING_QUEUE)));
             EngineIoPollingSession frozen = EngineIoPollingSession.open(URI.create(gateway.url()));
             JavaCrmClient healthy = JavaCrmClient.pollingOnly(gateway.url()).awaitConnected()) {
            GatewayMetrics metrics = gateway.bean(GatewayMetrics.class);
            ConnectedClients clients = gateway.bean(ConnectedClients.class);
            frozen.join();
            healthy.join();
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> clients.joinedCount() == 2);

            // small batches, each waited for by the healthy client: its queue never nears the cap, the frozen one's
            // grows by a batch each time
            int batches = 0;
            for (; batches < 4 * MAX_POLLING_QUEUE / EVENTS_PER_BATCH && metrics.slowClientCount("disconnected") == 0;
                 batches++) {
                publishBatchAndAwait(healthy);
            }

            assertThat(metrics.slowClientCount("disconnected")).as("after %d batches", batches).isEqualTo(1);
            assertThat(batches * EVENTS_PER_BATCH).as("events until the cut-off")
                    .isGreaterThan(MAX_POLLING_QUEUE);
            for (int i = 0; i < 3; i++) {
                publishBatchAndAwait(healthy);
            }
            assertThat(healthy.connected()).isTrue();
            assertThat(healthy.disconnects()).isEmpty();
            assertThat(metrics.slowClientCount("disconnected")).as("counted once").isEqualTo(1);

            // the frozen session is released at the cut-off, not at the ping timeout: out of the counts, its queue
            // dropped, and its next poll finds no session (a socket.io client then reconnects and re-joins)
            await().atMost(Duration.ofSeconds(10)).until(() -> clients.connectedCount() == 1
                    && clients.joinedCount() == 1 && gateway.libraryClientCount() == 1);
            HttpResponse<String> late = frozen.poll();
            assertThat(late.statusCode()).as("late poll: %s", late.body()).isNotEqualTo(200);
            assertThat(late.body()).doesNotContain("call_ended");
        }
    }

    private static void publishBatchAndAwait(JavaCrmClient healthy) {
        List<Object> events = new ArrayList<>();
        String lastCallId = null;
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            lastCallId = TestEvents.newCallId();
            events.add(TestEvents.ended(lastCallId, "customer_hangup"));
        }
        TestEvents.publish(events.toArray());
        String waitFor = lastCallId;
        healthy.awaitEvent("call_ended", d -> d.get("callId").asString().equals(waitFor));
    }
}
