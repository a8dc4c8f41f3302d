package io.callcenter.customers;

import io.callcenter.model.Topics;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.RealInfrastructureExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;

@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceInfrastructureTest {
    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    KafkaAdmin kafkaAdmin;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void contextRunsAgainstTheRealBrokerAndDatabase() {
        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo(RealInfrastructureExtension.infrastructure().jdbcUrl(RealInfrastructureExtension.DATABASE));
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(RealInfrastructureExtension.infrastructure().kafkaBootstrapServers());
        assertThat(kafkaAdmin.describeTopics(Topics.CALL_EVENTS)).containsKey(Topics.CALL_EVENTS);

        Api.Reply health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsAreExposed() {
        Api.Reply ignored = api.search("091", false); // at least one request, so http metrics exist
        assertThat(ignored.status()).isEqualTo(400);
        java.net.http.HttpResponse<String> metrics = api.raw("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds", "hikaricp_connections");
    }

    @Test
    void openApiDescribesTheCustomerEndpoints() {
        Api.Reply docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").propertyNames()).contains("/api/customers/search",
                "/api/customers/{id}", "/api/customers/by-cif/{cif}", "/api/customers", "/api/customers/import");
    }

    @Test
    void unknownPathGetsTheErrorEnvelope() {
        Api.Reply reply = api.get("/api/nothing-here");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().get("success").asBoolean()).isFalse();
    }
}
