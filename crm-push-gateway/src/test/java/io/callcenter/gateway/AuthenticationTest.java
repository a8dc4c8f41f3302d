package io.callcenter.gateway;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.callcenter.model.crm.JoinedCallCenter;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.callcenter.gateway.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** With authentication on, a socket needs an HMAC-signed, unexpired JWT in {@code auth.token} or {@code ?token=}. */
@RealInfrastructure
class AuthenticationTest {
    private static final String SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayInstance.start("gw-auth-" + ProcessHandle.current().pid(), Map.of(
                "callcenter.gateway.auth.enabled", "true",
                "callcenter.gateway.auth.jwt-secret", SECRET));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    private static String token(String secret, Instant expiresAt) {
        return JWT.create().withSubject("crm_main").withIssuedAt(Instant.now().minusSeconds(60))
                .withExpiresAt(expiresAt).sign(Algorithm.HMAC256(secret));
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
        try (JavaCrmClient crm = withAuth(token(SECRET, Instant.now().plusSeconds(600))).awaitConnected()) {
            assertThat(crm.join()).isEqualTo(json(JoinedCallCenter.of("crm_system")));
        }
    }

    @Test
    void aValidTokenInTheQueryIsServedToTheGuideClient() {
        assumeTrue(NodeCrmClient.available(), NodeCrmClient.unavailableMessage());
        try (NodeCrmClient crm = NodeCrmClient.start(gateway.url() + "?token="
                + token(SECRET, Instant.now().plusSeconds(600)))) {
            crm.awaitConnected();
            assertThat(crm.awaitJoined()).isEqualTo(json(JoinedCallCenter.of("crm_system")));
        }
    }

    @Test
    void noTokenIsRefusedWithUnauthorized() {
        assertRefused(null);
    }

    @Test
    void anExpiredTokenIsRefusedWithUnauthorized() {
        assertRefused(token(SECRET, Instant.now().minusSeconds(120)));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefusedWithUnauthorized() {
        assertRefused(token("another-secret-0123456789-abcdefghijklmnopqrstuvwxyz", Instant.now().plusSeconds(600)));
    }

    @Test
    void garbageInsteadOfATokenIsRefusedWithUnauthorized() {
        assertRefused("not-a-jwt");
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

    private static void assertRefused(String token) {
        try (JavaCrmClient crm = withAuth(token)) {
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> !crm.connectErrors().isEmpty());
            assertThat(crm.connectErrors()).containsExactly("unauthorized");
            assertThat(crm.connected()).isFalse();
            assertThat(crm.named("joined_call_center")).isEmpty();
        }
    }
}
