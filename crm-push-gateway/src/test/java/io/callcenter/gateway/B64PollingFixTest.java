package io.callcenter.gateway;

import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * socket.io-client 4.0.0 under Node sends {@code b64=1} on its polling requests; without the gateway's
 * socket.B64QueryFix, netty-socketio answers that Engine.IO v4 client in v3 framing and it never connects. This test
 * runs the guide's client against a gateway with the fix switched off and expects exactly that failure; the other
 * Node tests run with the fix on and connect over polling first.
 */
@RealInfrastructure
class B64PollingFixTest {

    @Test
    void withoutTheFixTheNodeGuideClientCannotConnectOverPolling() {
        assumeTrue(NodeCrmClient.available(), NodeCrmClient.unavailableMessage());
        try (GatewayInstance unfixed = GatewayInstance.start("gw-nob64-" + ProcessHandle.current().pid(),
                Map.of("callcenter.gateway.b64-fix", "false"));
             NodeCrmClient crm = NodeCrmClient.start(unfixed.url())) {
            crm.awaitLine("connect_error", line -> true);

            assertThat(crm.lines()).noneMatch(l -> l.get("t").asString().equals("connect"));
            assertThat(crm.events("joined_call_center")).isEmpty();
        }
    }

    @Test
    void withTheFixTheSameClientConnectsAndJoins() {
        assumeTrue(NodeCrmClient.available(), NodeCrmClient.unavailableMessage());
        try (NodeCrmClient crm = NodeCrmClient.start(SharedGateways.first().url())) {
            crm.awaitConnected();
            assertThat(crm.awaitJoined().get("userType").asString()).isEqualTo("crm_system");
        }
    }
}
