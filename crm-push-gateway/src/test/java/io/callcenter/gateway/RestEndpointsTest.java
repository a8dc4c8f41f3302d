package io.callcenter.gateway;

import com.sun.net.httpserver.HttpServer;
import io.callcenter.infra.FreePorts;
import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The guide's REST endpoints on the Socket.IO port: proxied to stand-ins for agent-directory and customer-service
 * (JDK HttpServers answering the documented JSON), the local status, CORS with preflight, 404/405/503 envelopes,
 * static files; and actuator on the management port.
 */
@RealInfrastructure
class RestEndpointsTest {
    private static final String AGENTS = "{\"success\":true,\"data\":[{\"id\":1,\"userId\":1,\"fullName\":\"Admin User\","
            + "\"extension\":\"1001\",\"status\":\"available\",\"statusChangedAt\":\"2025-09-22T05:46:34.487215\","
            + "\"currentCallId\":null}]}";
    private static final String CUSTOMERS = "{\"success\":true,\"data\":[{\"id\":1,\"fullName\":\"Nguyễn Văn A\","
            + "\"phoneNumber\":\"0912345678\",\"email\":\"nguyenvana@email.com\",\"cif\":\"CIF001230022\"}]}";
    private static final List<String> customerRequests = new CopyOnWriteArrayList<>();
    private static final List<String> agentRequests = new CopyOnWriteArrayList<>();
    private static HttpServer agentDirectory;
    private static HttpServer customerService;
    private static int customerPort;
    private static GatewayInstance gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        agentDirectory = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agentDirectory.createContext("/api/agents/", exchange -> {
            agentRequests.add(exchange.getRequestURI().toString());
            byte[] body = AGENTS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        agentDirectory.start();
        customerPort = FreePorts.pick();
        customerService = startCustomerService();
        gateway = GatewayInstance.start("gw-rest-" + ProcessHandle.current().pid(), Map.of(
                "callcenter.gateway.agent-directory-url", "http://127.0.0.1:" + agentDirectory.getAddress().getPort(),
                "callcenter.gateway.customer-service-url", "http://127.0.0.1:" + customerPort,
                "callcenter.gateway.cors-origins", "http://crm.example,http://other.example"));
    }

    private static HttpServer startCustomerService() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", customerPort), 0);
        server.createContext("/api/customers/search", exchange -> {
            customerRequests.add(exchange.getRequestMethod() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = CUSTOMERS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        gateway.close();
        agentDirectory.stop(0);
        customerService.stop(0);
    }

    @Test
    void agentListsAreProxiedFromAgentDirectoryAsTheyAre() throws Exception {
        for (String path : List.of("/api/agents/available", "/api/agents/status")) {
            HttpResponse<String> response = get(path, "http://crm.example");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response.body())).isEqualTo(json(AGENTS));
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("http://crm.example");
        }
    }

    @Test
    void agentListsKeepTheirQueryStringOnTheWayToAgentDirectory() throws Exception {
        HttpResponse<String> response = get("/api/agents/available?limit=1", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(agentRequests).contains("/api/agents/available?limit=1");
    }

    @Test
    void anAgentListQueryThatIsNotAValidUriIsRejectedWithoutCallingAgentDirectory() throws Exception {
        int before = agentRequests.size();
        String reply = rawGet("/api/agents/available?limit=1|2");

        assertThat(reply).startsWith("HTTP/1.1 400").contains("invalid_parameter").contains("/api/agents/available");
        assertThat(agentRequests).hasSize(before);
    }

    @Test
    void customerSearchIsProxiedToCustomerServiceWithItsBody() throws Exception {
        String search = "{\"phoneNumber\":\"0912345678\",\"exactMatch\":true}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.url()
                        + "/api/customers/search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(search)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body())).isEqualTo(json(CUSTOMERS));
        assertThat(customerRequests).contains("POST " + search);
    }

    @Test
    void anUnreachableUpstreamGives503UpstreamUnavailable() throws Exception {
        customerService.stop(0);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.url()
                            + "/api/customers/search")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"phoneNumber\":\"0912345678\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode body = json(response.body());
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.get("error").get("code").asString()).isEqualTo("upstream_unavailable");
            assertThat(body.get("error").get("message").asString()).contains("customer-service");
        } finally {
            customerService = startCustomerService();
        }
    }

    @Test
    void callCenterStatusReportsThisInstancesClientsCallsAndAgents() throws Exception {
        // clients of the other tests here close asynchronously; start from none
        await().atMost(JavaCrmClient.TIMEOUT).until(() ->
                json(get("/api/call-center/status", null).body()).get("data").get("connectedClients").asInt() == 0);
        JsonNode before = json(get("/api/call-center/status", null).body()).get("data");
        int agentId = TestEvents.newAgentId();
        String callId = TestEvents.newCallId();

        try (JavaCrmClient crm = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            crm.join();
            TestEvents.publish(TestEvents.agentStatus(agentId, "away", null), TestEvents.incoming(callId));
            crm.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(callId));

            JsonNode status = json(get("/api/call-center/status", null).body());
            assertThat(status.get("success").asBoolean()).isTrue();
            JsonNode data = status.get("data");
            assertThat(data.get("instanceId").asString()).isEqualTo(gateway.instanceId());
            assertThat(data.get("connectedClients").asInt()).isEqualTo(1);
            assertThat(data.get("joinedClients").asInt()).isEqualTo(1);
            assertThat(data.get("activeCalls").get("ringing").asInt())
                    .isEqualTo(before.get("activeCalls").get("ringing").asInt() + 1);
            assertThat(data.get("activeCalls").has("connected")).isTrue();
            assertThat(data.get("agents").get("away").asInt()).isEqualTo(before.get("agents").get("away").asInt() + 1);
            assertThat(data.get("agents").propertyNames()).containsExactly("available", "busy", "away", "offline");
        }
    }

    @Test
    void aCorsPreflightIsAnsweredForAnAllowedOriginAndRefusedForOthers() throws Exception {
        HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(URI.create(gateway.url()
                        + "/api/customers/search"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://crm.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("http://crm.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).contains("content-type");

        HttpResponse<String> refused = get("/api/agents/available", "http://evil.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused.body()).get("error").get("code").asString()).isEqualTo("origin_not_allowed");
    }

    @Test
    void unknownPathsAndWrongMethodsGetTheErrorEnvelope() throws Exception {
        HttpResponse<String> unknown = get("/api/calls/everything", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).get("error").get("code").asString()).isEqualTo("not_found");

        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create(gateway.url()
                + "/api/call-center/status")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod.body()).get("error").get("message").asString()).contains("GET");
    }

    @Test
    void theRootServesTheStaticPageAndSocketIoStillWorksBesideIt() throws Exception {
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<html");
        assertThat(get("/../application.yml", null).statusCode()).isEqualTo(404);
        try (JavaCrmClient crm = JavaCrmClient.connect(gateway.url(), options -> options.extraHeaders =
                Map.of("Origin", List.of("http://crm.example"))).awaitConnected()) {
            assertThat(crm.connected()).isTrue();
        }
    }

    @Test
    void theGuidesExamplePageIsServedAsWrittenByDefault() throws Exception {
        HttpResponse<String> page = get("/guide-example.html", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("new CRMCallIntegration(", "customerInfoEl.innerHTML");
    }

    @Test
    void withAuthOffTheApiNeedsNoTokenAndIgnoresOne() throws Exception {
        assertThat(get("/api/call-center/status", null).statusCode()).isEqualTo(200);
        HttpResponse<String> withGarbage = http.send(HttpRequest.newBuilder(URI.create(gateway.url()
                + "/api/call-center/status?token=not-a-jwt")).header("Authorization", "Bearer not-a-jwt").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withGarbage.statusCode()).isEqualTo(200);
    }

    @Test
    void actuatorHealthAndPrometheusMetricsAreOnTheManagementPort() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl()
                + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health.body()).get("status").asString()).isEqualTo("UP");

        try (JavaCrmClient crm = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            crm.join();
            String callId = TestEvents.newCallId();
            TestEvents.publish(TestEvents.incoming(callId));
            crm.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(callId));
        }
        await().atMost(JavaCrmClient.TIMEOUT).untilAsserted(() -> {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl()
                    + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("callcenter_gateway_clients{", "callcenter_gateway_consumer_lag",
                    "callcenter_gateway_emit_delay_seconds_bucket", "callcenter_gateway_events_delivered_total{");
        });
    }

    private HttpResponse<String> get(String path, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET written by hand: the JDK client refuses to send a request line that is not a valid URI. */
    private static String rawGet(String path) throws IOException {
        URI base = URI.create(gateway.url());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode json(String text) {
        return CallcenterJson.mapper().readTree(text);
    }
}
