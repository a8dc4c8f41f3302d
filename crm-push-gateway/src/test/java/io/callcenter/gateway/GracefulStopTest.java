package io.callcenter.gateway;

import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A gateway stopped gracefully (SIGTERM, here its context closed) closes its sockets at the Engine.IO level, so its
 * clients reconnect: the guide's class on socket.io-client 4.0.0 (upgraded to websocket) and a polling-only client
 * see {@code transport close}, never {@code io server disconnect} (after which socket.io-client would not reconnect),
 * and the guide's client goes on trying to reconnect.
 */
@RealInfrastructure
class GracefulStopTest {

    @Test
    void aStoppingGatewayClosesItsSocketsSoThatTheirClientsReconnect() {
        assumeTrue(NodeCrmClient.available(), NodeCrmClient.unavailableMessage());
        GatewayInstance gateway = GatewayInstance.start("gw-stop-" + ProcessHandle.current().pid());
        try (NodeCrmClient guide = NodeCrmClient.start(gateway.url());
             JavaCrmClient polling = JavaCrmClient.pollingOnly(gateway.url()).awaitConnected()) {
            guide.awaitJoined();
            polling.join();
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> guide.transport().equals("websocket"));

            gateway.close();

            JsonNode disconnect = guide.awaitLine("disconnect", line -> true);
            assertThat(disconnect.get("reason").asString()).as("guide client on websocket")
                    .isEqualTo("transport close");
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> !polling.disconnects().isEmpty());
            assertThat(polling.disconnects()).as("polling client").containsExactly("transport close");
            // socket.io-client keeps trying (the gateway is gone here; behind the edge it reaches another instance)
            assertThat(guide.awaitLine("connect_error", line -> true)).as("a reconnection attempt").isNotNull();
        } finally {
            gateway.close();
        }
    }
}
