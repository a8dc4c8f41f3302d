package io.callcenter.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;

/** HS256 tokens as an identity provider would issue them, signed with Nimbus (the library the gateway verifies with). */
public final class TestTokens {
    private TestTokens() {
    }

    /** A {@code crm_system} token for {@code crm_main}, valid for ten minutes. */
    public static String crmSystem(String secret) {
        return hs256(secret, claims -> claims.subject("crm_main").claim("role", "crm_system")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))));
    }

    /** An {@code agent} token for this agent id, valid for ten minutes. */
    public static String agent(String secret, int agentId) {
        return hs256(secret, claims -> claims.subject("agent-" + agentId).claim("role", "agent")
                .claim("agentId", agentId).expirationTime(Date.from(Instant.now().plusSeconds(600))));
    }

    public static String crmSystemExpiringAt(String secret, Instant expiresAt) {
        return hs256(secret, claims -> claims.subject("crm_main").claim("role", "crm_system")
                .expirationTime(Date.from(expiresAt)));
    }

    /** Any claims: the builder starts empty (no {@code exp}) with {@code iat} a minute ago. */
    public static String hs256(String secret, Consumer<JWTClaimsSet.Builder> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issueTime(Date.from(Instant.now().minusSeconds(60)));
        claims.accept(builder);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
