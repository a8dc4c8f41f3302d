package io.callcenter.gateway;

import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A REST body over {@code max-payload-bytes} on :8000 is answered {@code 413} with the error envelope, declared
 * ({@code Content-Length}) or streamed (chunked), and reaches no upstream; a body at the limit is served as usual.
 */
@RealInfrastructure
class OversizedRequestTest {
    private static final String CUSTOMERS = "{\"success\":true,\"data\":[]}";
    private static StandInService customerService;
    private static GatewayInstance gateway;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        customerService = new StandInService("/api/customers/", CUSTOMERS);
        gateway = GatewayInstance.start("gw-413-" + ProcessHandle.current().pid(), Map.of(
                "callcenter.gateway.customer-service-url", customerService.url()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        customerService.close();
    }

    private static byte[] searchFor(int phoneNumberLength) {
        return ("{\"phoneNumber\":\"" + "9".repeat(phoneNumberLength) + "\",\"exactMatch\":true}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a200KilobytePhoneNumberGets413WithTheEnvelopeNotAReset() throws Exception {
        int upstreamBefore = customerService.requests().size();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.url()
                        + "/api/customers/search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(searchFor(200_000))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertTooLarge(response);
        assertThat(customerService.requests()).hasSize(upstreamBefore);
    }

    @Test
    void aChunkedBodyOverTheLimitGets413Too() throws Exception {
        int upstreamBefore = customerService.requests().size();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.url()
                        + "/api/customers/search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(searchFor(200_000))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertTooLarge(response);
        assertThat(customerService.requests()).hasSize(upstreamBefore);
    }

    @Test
    void aBodyAtTheLimitIsServed() throws Exception {
        byte[] body = searchFor(64 * 1024 - searchFor(0).length);
        assertThat(body).hasSize(64 * 1024);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.url()
                        + "/api/customers/search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode body = CallcenterJson.mapper().readTree(response.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asString()).isEqualTo("payload_too_large");
        assertThat(body.get("error").get("message").asString()).contains("65536", "max-payload-bytes");
    }
}
