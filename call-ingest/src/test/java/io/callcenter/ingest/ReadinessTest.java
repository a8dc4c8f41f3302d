package io.callcenter.ingest;

import io.callcenter.ingest.support.IngestTestProperties;
import io.callcenter.ingest.support.RemoteServicesStub;
import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness means the lifecycle runs: with the real broker, {@code /actuator/health/readiness} is 200 once Kafka
 * Streams is {@code RUNNING} and 503 once it is not (stopped here), while liveness, the process only, stays 200.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReadinessTest {
    private static final RemoteServicesStub remote = new RemoteServicesStub();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        IngestTestProperties.register(registry, remote.url());
    }

    @LocalServerPort
    int port;
    @Autowired
    StreamsBuilderFactoryBean streams;

    @Test
    void readyWhileKafkaStreamsRunsNotAfterItStopsAndAliveThroughout() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        JsonNode ready = CallcenterJson.mapper().readTree(get("/actuator/health/readiness").body());
        assertThat(ready.at("/components/kafkaStreams/details/state").asText()).isEqualTo("RUNNING");
        assertThat(ready.at("/components/readinessState/status").asText()).isEqualTo("UP");

        streams.stop();

        HttpResponse<String> notReady = get("/actuator/health/readiness");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(CallcenterJson.mapper().readTree(notReady.body()).at("/components/kafkaStreams/status").asText())
                .isIn("DOWN", "OUT_OF_SERVICE");
        HttpResponse<String> alive = get("/actuator/health/liveness");
        assertThat(alive.statusCode()).isEqualTo(200);
        assertThat(CallcenterJson.mapper().readTree(alive.body()).path("components").has("kafkaStreams")).isFalse();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
