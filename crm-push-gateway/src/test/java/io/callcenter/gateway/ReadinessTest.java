package io.callcenter.gateway;

import io.callcenter.gateway.fanout.FanoutConsumer;
import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness, what the edge and compose check, means the fan-out is live: with the real broker a started gateway is
 * ready with {@code fanout} up (its lag a detail) and {@code callcenter_gateway_ready} 1; once its fan-out consumer
 * stops it is 503 and the gauge 0, while liveness, the process only, stays 200.
 */
@RealInfrastructure
class ReadinessTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void readyOnlyWhileTheFanoutConsumerIsAssignedAndCaughtUp() throws Exception {
        try (GatewayInstance gateway = GatewayInstance.start("gw-ready-" + ProcessHandle.current().pid())) {
            HttpResponse<String> ready = get(gateway, "/actuator/health/readiness");
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode health = CallcenterJson.mapper().readTree(ready.body());
            assertThat(health.at("/components/fanout/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/fanout/details/lag").isNumber()).isTrue();
            assertThat(get(gateway, "/actuator/prometheus").body()).contains("callcenter_gateway_ready 1.0");

            gateway.bean(FanoutConsumer.class).stop();

            HttpResponse<String> notReady = get(gateway, "/actuator/health/readiness");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(CallcenterJson.mapper().readTree(notReady.body()).at("/components/fanout/status").asText())
                    .isEqualTo("OUT_OF_SERVICE");
            assertThat(get(gateway, "/actuator/prometheus").body()).contains("callcenter_gateway_ready 0.0");
            assertThat(get(gateway, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(GatewayInstance gateway, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
