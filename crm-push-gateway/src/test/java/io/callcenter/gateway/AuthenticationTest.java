package io.callcenter.gateway;

import io.callcenter.model.crm.JoinedCallCenter;
import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.callcenter.gateway.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The prod profile ({@code application-prod.yml}): a socket needs an HMAC-signed, unexpired JWT in
 * {@code auth.token} or {@code ?token=}; so does every {@code /api/**} request ({@code Authorization: Bearer} or
 * {@code ?token=}), except CORS preflights; static files need none, and the guide's example page is not served.
 */
@RealInfrastructure
class AuthenticationTest {
    private static final String SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static final String OTHER_SECRET = "another-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static final String CUSTOMERS = "{\"success\":true,\"data\":[{\"id\":1,\"fullName\":\"Nguyễn Văn A\","
            + "\"phoneNumber\":\"0912345678\",\"email\":\"nguyenvana@email.com\",\"cif\":\"CIF001230022\"}]}";
    private static final String AGENTS = "{\"success\":true,\"data\":[]}";
    private static final String SEARCH = "{\"phoneNumber\":\"0912345678\",\"exactMatch\":true}";
    private static StandInService agentDirectory;
    private static StandInService customerService;
    private static GatewayInstance gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startGateway() {
        agentDirectory = new StandInService("/api/agents/", AGENTS);
        customerService = new StandInService("/api/customers/", CUSTOMERS);
        gateway = GatewayInstance.start("gw-auth-" + ProcessHandle.current().pid(), Map.of(
                "spring.profiles.active", "prod",
                "callcenter.gateway.auth.jwt-secret", SECRET,
                "callcenter.gateway.agent-directory-url", agentDirectory.url(),
                "callcenter.gateway.customer-service-url", customerService.url()));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        agentDirectory.close();
        customerService.close();
    }

    private static String token(String secret, Instant expiresAt) {
        return TestTokens.crmSystemExpiringAt(secret, expiresAt);
    }

    private static String validToken() {
        return token(SECRET, Instant.now().plusSeconds(600));
    }

    private static String expiredToken() {
        return token(SECRET, Instant.now().minusSeconds(120));
    }

    private static JavaCrmClient withAuth(String token) {
        return JavaCrmClient.connect(gateway.url(), options -> {
            if (token != null) {
                options.auth = Map.of("token", token);
            }
        });
    }

    @Test
    void aValidTokenInTheAuthOptionIsServed() {
        try (JavaCrmClient crm = withAuth(validToken()).awaitConnected()) {
            assertThat(crm.join()).isEqualTo(json(JoinedCallCenter.of("crm_system")));
        }
    }

    @Test
    void aValidTokenInTheQueryIsServedToTheGuideClient() {
        assumeTrue(NodeCrmClient.available(), NodeCrmClient.unavailableMessage());
        try (NodeCrmClient crm = NodeCrmClient.start(gateway.url() + "?token=" + validToken())) {
            crm.awaitConnected();
            assertThat(crm.awaitJoined()).isEqualTo(json(JoinedCallCenter.of("crm_system")));
        }
    }

    @Test
    void theConsolePassesTheTokenFromItsPageAddressAsSocketAuthAndIsServed() {
        assumeTrue(NodeCrmClient.available(), NodeCrmClient.unavailableMessage());
        try (NodeCrmClient crm = NodeCrmClient.startAsConsole(gateway.url(), "?token=" + validToken())) {
            crm.awaitConnected();
            assertThat(crm.awaitJoined()).isEqualTo(json(JoinedCallCenter.of("crm_system")));
        }
    }

    @Test
    void theConsoleWithAnExpiredTokenGetsConnectErrorUnauthorized() {
        assumeTrue(NodeCrmClient.available(), NodeCrmClient.unavailableMessage());
        try (NodeCrmClient crm = NodeCrmClient.startAsConsole(gateway.url(), "?token=" + expiredToken())) {
            assertThat(crm.awaitLine("connect_error", l -> true).get("message").asString())
                    .isEqualTo("unauthorized");
            assertThat(crm.lines()).noneMatch(l -> l.get("t").asString().equals("connect"));
        }
    }

    @Test
    void noTokenIsRefusedWithUnauthorized() {
        assertRefused(null);
    }

    @Test
    void anExpiredTokenIsRefusedWithUnauthorized() {
        assertRefused(expiredToken());
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefusedWithUnauthorized() {
        assertRefused(token(OTHER_SECRET, Instant.now().plusSeconds(600)));
    }

    @Test
    void garbageInsteadOfATokenIsRefusedWithUnauthorized() {
        assertRefused("not-a-jwt");
    }

    @Test
    void anExpiredWronglySignedOrGarbageTokenInTheHandshakeQueryIsRefusedWithUnauthorized() {
        for (String token : List.of(expiredToken(), token(OTHER_SECRET, Instant.now().plusSeconds(600)),
                "not-a-jwt")) {
            try (JavaCrmClient crm = JavaCrmClient.connect(gateway.url(), options -> options.query = "token="
                    + token)) {
                await().atMost(JavaCrmClient.TIMEOUT).until(() -> !crm.connectErrors().isEmpty());
                assertThat(crm.connectErrors()).as(token).containsExactly("unauthorized");
                assertThat(crm.connected()).as(token).isFalse();
            }
        }
    }

    @Test
    void theGuideClientWithAnExpiredTokenInItsUrlGetsConnectErrorUnauthorized() {
        assumeTrue(NodeCrmClient.available(), NodeCrmClient.unavailableMessage());
        try (NodeCrmClient crm = NodeCrmClient.start(gateway.url() + "?token=" + expiredToken())) {
            assertThat(crm.awaitLine("connect_error", l -> true).get("message").asString())
                    .isEqualTo("unauthorized");
            assertThat(crm.lines()).noneMatch(l -> l.get("t").asString().equals("connect"));
        }
    }

    @Test
    void theGuideClientWithoutATokenGetsConnectErrorUnauthorized() {
        assumeTrue(NodeCrmClient.available(), NodeCrmClient.unavailableMessage());
        try (NodeCrmClient crm = NodeCrmClient.start(gateway.url())) {
            assertThat(crm.awaitLine("connect_error", l -> true).get("message").asString())
                    .isEqualTo("unauthorized");
            assertThat(crm.lines()).noneMatch(l -> l.get("t").asString().equals("connect"));
        }
    }

    @Test
    void everyApiEndpointWithoutATokenAnswers401UnauthorizedAndReachesNoUpstream() throws Exception {
        List<HttpRequest> requests = List.of(api("GET", "/api/agents/status", null),
                api("GET", "/api/agents/available", null), api("GET", "/api/call-center/status", null),
                api("GET", "/api/call-center/stats", null),
                api("POST", "/api/customers/search", null), api("GET", "/api/no/such/endpoint", null));
        int agentRequestsBefore = agentDirectory.requests().size();
        int customerRequestsBefore = customerService.requests().size();
        for (HttpRequest request : requests) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(request.toString()).isEqualTo(401);
            JsonNode body = parse(response.body());
            assertThat(body.propertyNames()).containsExactlyInAnyOrder("success", "error");
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.get("error").propertyNames()).containsExactlyInAnyOrder("code", "message");
            assertThat(body.get("error").get("code").asString()).isEqualTo("unauthorized");
            assertThat(body.get("error").get("message").asString()).contains("Authorization: Bearer", "?token=");
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        }
        assertThat(agentDirectory.requests()).hasSize(agentRequestsBefore);
        assertThat(customerService.requests()).hasSize(customerRequestsBefore);
    }

    @Test
    void anExpiredWronglySignedOrNonBearerCredentialAnswers401() throws Exception {
        record Case(String authorization, String query, String message) {
        }
        List<Case> cases = List.of(
                new Case("Bearer " + expiredToken(), "", "refused (token_expired)"),
                new Case("Bearer " + token(OTHER_SECRET, Instant.now().plusSeconds(600)), "",
                        "refused (token_invalid)"),
                new Case("Basic dXNlcjpwYXNz", "", "'Bearer <jwt>'"),
                new Case(null, "?token=not-a-jwt", "refused (token_invalid)"),
                new Case(null, "?token=" + expiredToken(), "refused (token_expired)"));
        int customerRequestsBefore = customerService.requests().size();
        for (Case c : cases) {
            HttpResponse<String> response = http.send(api("POST", "/api/customers/search" + c.query(),
                    c.authorization()), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(c.toString()).isEqualTo(401);
            assertThat(parse(response.body()).get("error").get("message").asString()).as(c.toString())
                    .contains(c.message());
        }
        assertThat(customerService.requests()).hasSize(customerRequestsBefore);
    }

    @Test
    void aValidBearerOrQueryTokenIsServedAndTheQueryTokenIsNotPassedUpstream() throws Exception {
        HttpResponse<String> search = http.send(api("POST", "/api/customers/search", "Bearer " + validToken()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(parse(search.body())).isEqualTo(parse(CUSTOMERS));
        assertThat(customerService.requests()).contains("POST /api/customers/search " + SEARCH);

        HttpResponse<String> status = http.send(api("GET", "/api/call-center/status?token=" + validToken(), null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(parse(status.body()).get("data").get("instanceId").asString()).isEqualTo(gateway.instanceId());

        HttpResponse<String> agents = http.send(api("GET", "/api/agents/available?limit=1&token=" + validToken(),
                null), HttpResponse.BodyHandlers.ofString());
        assertThat(agents.statusCode()).isEqualTo(200);
        assertThat(agentDirectory.requests()).contains("GET /api/agents/available?limit=1 ")
                .noneMatch(request -> request.contains("token"));
    }

    @Test
    void aCorsPreflightNeedsNoToken() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(gateway.url()
                        + "/api/customers/search")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://crm.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("http://crm.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .contains("authorization");
    }

    @Test
    void theConsoleLoadsWithoutATokenButTheGuidesExamplePageIsNotServed() throws Exception {
        for (String path : List.of("/", "/crm-access-token.js", "/crm-call-integration.js")) {
            assertThat(http.send(api("GET", path, null), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as(path).isEqualTo(200);
        }
        for (String path : List.of("/guide-example.html", "/./guide-example.html", "//guide-example.html",
                "/guide%2Dexample.html")) {
            HttpResponse<String> page = http.send(api("GET", path, null), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).doesNotContain("innerHTML");
        }
    }

    private HttpRequest api(String method, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .header("Content-Type", "application/json")
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString(SEARCH)
                        : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private static void assertRefused(String token) {
        try (JavaCrmClient crm = withAuth(token)) {
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> !crm.connectErrors().isEmpty());
            assertThat(crm.connectErrors()).containsExactly("unauthorized");
            assertThat(crm.connected()).isFalse();
            assertThat(crm.named("joined_call_center")).isEmpty();
        }
    }

    private static JsonNode parse(String text) {
        return CallcenterJson.mapper().readTree(text);
    }
}
