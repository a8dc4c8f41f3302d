package io.callcenter.system;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.callcenter.simulator.IngestClient;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With security on, as in production: CRMs need a valid HMAC-signed JWT; a missing, expired or wrongly signed one is
 * refused with connect_error; the VoiceBot API needs its key.
 */
@Tag("reliability")
@RealInfrastructure
class SecurityTest {
    private static final String SECRET = "system-test-secret-0123456789abcdef";
    private static final String OTHER_SECRET = "not-the-secret-not-the-secret-00";
    private static final String API_KEY = "voicebot-key-42";
    private static RunningSystem system;
    private static RunningSystem.Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem(Map.of("CALLCENTER_INGEST_API_KEY", API_KEY), Map.of(
                "CALLCENTER_GATEWAY_AUTH_ENABLED", "true", "CALLCENTER_GATEWAY_AUTH_JWT_SECRET", SECRET));
        gateway = system.startGateway("gateway-secure");
        gateway.process().awaitHealthy();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aValidTokenIsServed() {
        String token = token(SECRET, Instant.now().plusSeconds(300));
        try (CrmClient crm = new CrmClient(gateway.url(), true, token)) {
            crm.awaitJoined();
            assertThat(crm.connected()).isTrue();
        }
    }

    @Test
    void aMissingExpiredOrWronglySignedTokenIsRefused() {
        String expired = token(SECRET, Instant.now().minusSeconds(60));
        String wronglySigned = token(OTHER_SECRET, Instant.now().plusSeconds(300));
        for (String token : new String[]{null, expired, wronglySigned, "not-a-jwt"}) {
            try (CrmClient crm = new CrmClient(gateway.url(), true, token)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> crm.count("connect_error") > 0);
                assertThat(crm.count("joined_call_center")).isZero();
                assertThat(crm.received("connect_error").get(0).payload().getString("message"))
                        .as("token %s", token).containsIgnoringCase("unauthorized");
            }
        }
    }

    @Test
    void theVoiceBotApiNeedsItsKey() {
        assertThat(new IngestClient(system.ingestUrl(), null).startCall("SEC_NOKEY_" + System.nanoTime(),
                "0912345678", "1900").join().status()).isEqualTo(401);
        assertThat(new IngestClient(system.ingestUrl(), "wrong").startCall("SEC_BADKEY_" + System.nanoTime(),
                "0912345678", "1900").join().status()).isEqualTo(401);
        assertThat(new IngestClient(system.ingestUrl(), API_KEY).startCall("SEC_KEY_" + System.nanoTime(),
                "0912345678", "1900").join().status()).isEqualTo(202);
    }

    /** A {@code crm_system} token for {@code crm_main}, HS256 with this secret. */
    private static String token(String secret, Instant expiresAt) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("crm_main").claim("role", "crm_system").expirationTime(java.util.Date.from(expiresAt))
                .build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
