package io.callcenter.gateway.socket;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;

/** Checks an HMAC-SHA256 signed JWT against the shared secret; expired, unsigned or wrongly signed tokens fail. */
public final class TokenVerifier {
    private final JWTVerifier verifier;

    public TokenVerifier(String secret) {
        this.verifier = JWT.require(Algorithm.HMAC256(secret)).acceptLeeway(5).build();
    }

    /** The token's subject, or null when the token is missing or invalid. */
    public String verify(Object token) {
        if (!(token instanceof String text) || text.isBlank()) {
            return null;
        }
        try {
            String subject = verifier.verify(text).getSubject();
            return subject == null ? "" : subject;
        } catch (JWTVerificationException invalid) {
            return null;
        }
    }
}
