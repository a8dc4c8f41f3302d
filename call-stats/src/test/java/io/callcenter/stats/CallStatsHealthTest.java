package io.callcenter.stats;

import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * call-stats on the real broker reports its Kafka Streams as the health component {@code kafkaStreams} (service-kit's
 * indicator): {@code UP} with state {@code RUNNING} once the topology runs, {@code DOWN} once it is stopped.
 */
@RealInfrastructure
class CallStatsHealthTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void healthHasKafkaStreamsUpWhileRunningAndDownOnceStopped() throws Exception {
        String applicationId = "call-stats-health-" + UUID.randomUUID().toString().substring(0, 8);
        Path stateDir = Path.of("target", "kafka-streams", applicationId).toAbsolutePath();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CallStatsApplication.class).run(
                "--server.port=0", "--spring.kafka.streams.application-id=" + applicationId,
                "--callcenter.stats.state-dir=" + stateDir)) {
            String health = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port")
                    + "/actuator/health";

            await().atMost(Duration.ofSeconds(60)).until(() -> get(health).statusCode() == 200);
            JsonNode up = CallcenterJson.mapper().readTree(get(health).body()).at("/components/kafkaStreams");
            assertThat(up.at("/status").asString()).isEqualTo("UP");
            assertThat(up.at("/details/state").asString()).isEqualTo("RUNNING");

            app.getBean(StreamsBuilderFactoryBean.class).stop();

            HttpResponse<String> down = get(health);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(CallcenterJson.mapper().readTree(down.body()).at("/components/kafkaStreams/status").asString())
                    .isIn("DOWN", "OUT_OF_SERVICE");
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
