package io.callcenter.gateway;

import io.callcenter.testing.EngineIoPollingSession;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's side of an upgrade race, in raw packets (patch 11, the noop part): the probe's answer and the noop that
 * ends the pending poll reach the client on two connections; when the noop is read first, the client polls once more
 * before it pauses polling for the upgrade, and it sends the upgrade packet only once that poll returns. netty-socketio
 * sends a single noop per probe, so that poll waited for the next ping (25 s) while the library's upgrade timeout
 * (10 s) ended the session: the Java client's join was never sent and it ended on a ping timeout (seen in
 * {@code CallCenterStatsTest} runs). The gateway now ends such a poll with a noop, as the reference server does.
 */
@RealInfrastructure
class PollDuringUpgradeTest {
    private static final String JOIN = "42[\"join_call_center\",{\"userType\":\"crm_system\",\"userId\":\"upgrade\"}]";

    @Test
    void aPollSentAfterTheProbesNoopIsEndedSoTheUpgradeAndTheJoinGoThrough() throws Exception {
        GatewayInstance gateway = SharedGateways.first();
        try (EngineIoPollingSession polling = EngineIoPollingSession.open(URI.create(gateway.url()))) {
            assertThat(polling.post("40".getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
            assertThat(polling.poll().body()).startsWith("40{\"sid\":\"");
            try (RawWebsocketSession websocket = RawWebsocketSession.open(gateway.url(), polling.sid())) {
                websocket.send("2probe");
                websocket.awaitReceived(1);
                assertThat(websocket.received()).containsExactly("3probe");
                assertThat(polling.poll().body()).as("the probe's noop, read before the probe's answer").isEqualTo("6");

                // the poll the client sends before it pauses: answered, or the client never upgrades
                CompletableFuture<HttpResponse<String>> lastPoll = CompletableFuture.supplyAsync(() -> {
                    try {
                        return polling.poll();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                HttpResponse<String> answer = lastPoll.get(JavaCrmClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("6");

                websocket.send("5");
                websocket.send(JOIN);
                await().atMost(JavaCrmClient.TIMEOUT).until(() -> websocket.received().stream()
                        .anyMatch(frame -> frame.startsWith("42[\"joined_call_center\"")));
            }
        }
    }
}
