package io.callcenter.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.callcenter.gateway.GatewayProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tokens as identity providers issue them: HS256 with the shared secret, RS256 and ES256 signed by keys published as a
 * JWK set (served over real HTTP, as Keycloak's {@code .../certs} is), and every way a token can be wrong.
 */
class TokenVerifierTest {
    private static final String SECRET = "token-verifier-test-secret-0123456789abcdef";
    private static RSAKey rsa;
    private static ECKey ec;
    private static RSAKey unpublished;
    private static HttpServer idp;
    /** Requests to the JWK set by query string: each test names its own, so verifiers of other tests do not count. */
    private static final Map<String, AtomicInteger> jwkSetRequests = new ConcurrentHashMap<>();

    @BeforeAll
    static void startIdentityProvider() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        unpublished = new RSAKeyGenerator(2048).keyID("rsa-1").generate(); // same kid, other key
        byte[] jwks = new JWKSet(java.util.List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString()
                .getBytes(StandardCharsets.UTF_8);
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        idp.createContext("/certs", exchange -> {
            jwkSetRequests.computeIfAbsent(String.valueOf(exchange.getRequestURI().getQuery()),
                    query -> new AtomicInteger()).incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        idp.start();
    }

    @AfterAll
    static void stopIdentityProvider() {
        idp.stop(0);
    }

    private static String jwkSetUri() {
        return "http://127.0.0.1:" + idp.getAddress().getPort() + "/certs";
    }

    private static GatewayProperties.Auth auth(String secret, String jwkSetUri, String issuer, String audience) {
        return new GatewayProperties.Auth(true, secret, jwkSetUri, issuer, audience, Duration.ofSeconds(30), null);
    }

    private static String sign(JWSAlgorithm algorithm, JWSSigner signer, String kid,
                               Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject("crm_main").claim("role", "crm_system")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        claims.accept(builder);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), builder.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String hs256(Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        return sign(JWSAlgorithm.HS256, new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), null, claims);
    }

    @Test
    void rs256AndEs256TokensSignedByPublishedKeysAreVerifiedAgainstTheJwkSet() throws Exception {
        TokenVerifier verifier = new TokenVerifier(auth("", jwkSetUri() + "?test=verified", "", ""));
        await().atMost(Duration.ofSeconds(10)).until(() -> fetches("test=verified") == 1); // the prefetch

        Identity crm = verifier.identityOf(sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), "rsa-1", c -> { }));
        assertThat(crm.subject()).isEqualTo("crm_main");
        assertThat(crm.role()).isEqualTo(Role.CRM_SYSTEM);
        assertThat(crm.agentId()).isNull();
        Identity agent = verifier.identityOf(sign(JWSAlgorithm.ES256, new ECDSASigner(ec), "ec-1",
                c -> c.claim("role", "agent").claim("agentId", 42)));
        assertThat(agent.role()).isEqualTo(Role.AGENT);
        assertThat(agent.agentId()).isEqualTo(42);
        assertThat(fetches("test=verified")).as("the JWK set is fetched once and cached").isEqualTo(1);
        verifier.close();
    }

    @Test
    void theJwkSetIsFetchedAheadOfTheFirstTokenSoNoEventLoopWaitsForIt() throws Exception {
        try (TokenVerifier verifier = new TokenVerifier(auth("", jwkSetUri() + "?test=prefetch", "", ""))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> fetches("test=prefetch") == 1);

            Identity crm = verifier.identityOf(sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), "rsa-1", c -> { }));
            assertThat(crm.role()).isEqualTo(Role.CRM_SYSTEM);
            assertThat(fetches("test=prefetch")).as("the first token found the keys cached").isEqualTo(1);
        }
    }

    private static int fetches(String query) {
        AtomicInteger count = jwkSetRequests.get(query);
        return count == null ? 0 : count.get();
    }

    @Test
    void aTokenSignedByAKeyNotInTheJwkSetIsRefused() throws Exception {
        TokenVerifier verifier = new TokenVerifier(auth("", jwkSetUri(), "", ""));

        assertThat(verifier.verify(sign(JWSAlgorithm.RS256, new RSASSASigner(unpublished), "rsa-1", c -> { })))
                .isInstanceOf(TokenVerifier.Refused.class)
                .extracting(outcome -> ((TokenVerifier.Refused) outcome).code()).isEqualTo("token_invalid");
    }

    @Test
    void onlyTheConfiguredKindsOfKeyAreAccepted() throws Exception {
        TokenVerifier jwksOnly = new TokenVerifier(auth("", jwkSetUri(), "", ""));
        TokenVerifier secretOnly = new TokenVerifier(auth(SECRET, "", "", ""));
        TokenVerifier both = new TokenVerifier(auth(SECRET, jwkSetUri(), "", ""));
        String hs = hs256(c -> { });
        String rs = sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), "rsa-1", c -> { });

        assertThat(jwksOnly.identityOf(hs)).as("HS256 without a secret").isNull();
        assertThat(secretOnly.identityOf(rs)).as("RS256 without a JWK set").isNull();
        assertThat(secretOnly.identityOf(hs)).isNotNull();
        assertThat(both.identityOf(hs)).isNotNull();
        assertThat(both.identityOf(rs)).isNotNull();
    }

    @Test
    void anUnsignedTokenOrAnotherAlgorithmIsRefused() throws Exception {
        TokenVerifier verifier = new TokenVerifier(auth(SECRET, jwkSetUri(), "", ""));
        String none = new PlainJWT(new PlainHeader(), new JWTClaimsSet.Builder().subject("crm_main")
                .claim("role", "crm_system").expirationTime(Date.from(Instant.now().plusSeconds(300))).build())
                .serialize();
        String hs512 = sign(JWSAlgorithm.HS512, new MACSigner((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)),
                null, c -> { });

        assertThat(verifier.identityOf(none)).isNull();
        assertThat(verifier.identityOf(hs512)).isNull();
    }

    @Test
    void expIsRequiredAndChecked() throws Exception {
        TokenVerifier verifier = new TokenVerifier(auth(SECRET, "", "", ""));

        TokenVerifier.Refused withoutExp = (TokenVerifier.Refused) verifier.verify(hs256(c -> c.expirationTime(null)));
        assertThat(withoutExp.code()).isEqualTo("token_invalid");
        assertThat(withoutExp.reason()).contains("exp");
        assertThat(((TokenVerifier.Refused) verifier.verify(hs256(c -> c.expirationTime(Date.from(
                Instant.now().minusSeconds(120)))))).code()).isEqualTo("token_expired");
    }

    @Test
    void theClockSkewIsAllowedOnExpiryAndAddedToTheIdentitysDeadline() throws Exception {
        TokenVerifier verifier = new TokenVerifier(auth(SECRET, "", "", ""));
        Instant exp = Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        Identity identity = verifier.identityOf(hs256(c -> c.expirationTime(Date.from(exp))));

        assertThat(identity).as("10 s past exp, within the 30 s skew").isNotNull();
        assertThat(identity.expiresAt()).isEqualTo(exp.plusSeconds(30));
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() throws Exception {
        TokenVerifier verifier = new TokenVerifier(auth(SECRET, "", "https://idp.example/realms/cc",
                "crm-push-gateway"));

        assertThat(verifier.identityOf(hs256(c -> c.issuer("https://idp.example/realms/cc")
                .audience(java.util.List.of("account", "crm-push-gateway"))))).isNotNull();
        assertThat(verifier.identityOf(hs256(c -> c.issuer("https://evil.example")
                .audience("crm-push-gateway")))).as("wrong issuer").isNull();
        assertThat(verifier.identityOf(hs256(c -> c.audience("crm-push-gateway")))).as("no issuer").isNull();
        assertThat(verifier.identityOf(hs256(c -> c.issuer("https://idp.example/realms/cc").audience("other"))))
                .as("wrong audience").isNull();
        assertThat(new TokenVerifier(auth(SECRET, "", "", "")).identityOf(hs256(c -> c.issuer("anyone")
                .audience("anything")))).as("not configured: not checked").isNotNull();
    }

    @Test
    void rolesAndTheAgentIdClaimAreRead() throws Exception {
        TokenVerifier verifier = new TokenVerifier(auth(SECRET, "", "", ""));

        assertThat(verifier.identityOf(hs256(c -> c.claim("role", "supervisor"))).role()).isEqualTo(Role.NONE);
        assertThat(verifier.identityOf(hs256(c -> c.claim("role", null))).role()).isEqualTo(Role.NONE);
        assertThat(verifier.identityOf(hs256(c -> c.claim("role", "agent").claim("agentId", 7))).agentId())
                .isEqualTo(7);
        for (Object badAgentId : new Object[]{null, "7", 7.5, 0, -3, 1L << 40}) {
            assertThat(verifier.verify(hs256(c -> c.claim("role", "agent").claim("agentId", badAgentId))))
                    .as("agentId %s", badAgentId).isInstanceOf(TokenVerifier.Refused.class);
        }
    }

    @Test
    void aMissingOrNonStringTokenIsTokenMissing() {
        TokenVerifier verifier = new TokenVerifier(auth(SECRET, "", "", ""));

        for (Object token : new Object[]{null, "", "  ", 42, java.util.Map.of("token", "x")}) {
            assertThat(verifier.verify(token)).as("%s", token).isInstanceOf(TokenVerifier.Refused.class)
                    .extracting(o -> ((TokenVerifier.Refused) o).code()).isEqualTo("token_missing");
        }
    }
}
