package io.callcenter.gateway;

import io.callcenter.infra.FreePorts;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker that does not take the command: this gateway reads events from the shared broker as usual, but its
 * producer ({@code spring.kafka.producer.bootstrap-servers}, commands only) points at a port where nothing listens,
 * so every send waits for metadata until {@code max.block.ms} runs out. The shared broker is never stopped.
 */
@RealInfrastructure
class PublishFailureTest {
    /** Well under the producer's default max.block.ms of 60 s, well over the configured 2 s on a loaded machine. */
    private static final long ANSWER_WITHIN_SECONDS = 20;
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayInstance.start("gw-nobroker-" + ProcessHandle.current().pid(), Map.of(
                "spring.kafka.producer.bootstrap-servers", "127.0.0.1:" + FreePorts.pick()));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void aCommandTheBrokerDoesNotTakeIsAnsweredPublishFailedWithinSecondsAndTheSocketStays() throws Exception {
        try (JavaCrmClient crm = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            crm.join();
            String callId = TestEvents.newCallId();

            JsonNode ack = crm.emitWithAck("answer_call", "{\"callId\":\"" + callId + "\",\"agentId\":5}")
                    .get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS);

            assertThat(ack.propertyNames()).containsExactlyInAnyOrder("success", "error");
            assertThat(ack.get("success").asBoolean()).isFalse();
            assertThat(ack.get("error").get("code").asString()).isEqualTo("publish_failed");
            assertThat(ack.get("error").get("message").asString()).contains("answer_call");
            JsonNode error = crm.awaitEvent("error", d -> callId.equals(d.path("callId").asString(null)));
            assertThat(error.get("code").asString()).isEqualTo("publish_failed");
            assertThat(error.get("event").asString()).isEqualTo("answer_call");
            assertThat(error.get("message").asString()).contains("try again");
            assertThat(crm.connected()).isTrue();
        }
    }
}
