package io.callcenter.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.callcenter.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Verifies the JWTs that sockets and {@code /api/**} requests present, with Nimbus JOSE+JWT (what Spring Security's
 * resource server uses), and reads the holder's {@link Identity} from them:
 * <ul>
 * <li>HS256 signed with {@code auth.jwt-secret} (its UTF-8 bytes are the HMAC key, at least 256 bits), and/or RS256 /
 * ES256 signed by a key of the JWK set at {@code auth.jwk-set-uri} (Keycloak, Auth0, Azure AD). The set is fetched
 * in the background as soon as the verifier exists and refreshed by a background thread ahead of its cache's expiry
 * (Nimbus' scheduled refresh-ahead), so verifying, which runs on a Netty event loop, does not wait for the identity
 * provider: only a token signed by a key the cached set lacks (a rotation) makes it fetch, rate-limited by Nimbus.
 * Any other algorithm, {@code none} included, is refused.</li>
 * <li>{@code exp} is required; {@code nbf} is honoured; {@code iss} and {@code aud} must match {@code auth.issuer} and
 * {@code auth.audience} when those are set; {@code auth.clock-skew} is allowed on every time check.</li>
 * <li>Claims {@code role} ({@link Role}) and, for {@code role: agent}, {@code agentId}: a positive whole number (an
 * agent token without one is refused, since it could not be bound to an agent).</li>
 * </ul>
 */
public final class TokenVerifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final long clockSkewSeconds;
    private final JWKSource<SecurityContext> publishedKeySource;

    public TokenVerifier(GatewayProperties.Auth auth) {
        JWSKeySelector<SecurityContext> secretKeys = auth.jwtSecret().isEmpty() ? null
                : new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                new ImmutableSecret<>(auth.jwtSecret().getBytes(StandardCharsets.UTF_8)));
        publishedKeySource = auth.jwkSetUri().isEmpty() ? null : jwkSet(auth.jwkSetUri());
        JWSKeySelector<SecurityContext> publishedKeys = publishedKeySource == null ? null
                : new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                publishedKeySource);
        if (publishedKeySource != null) {
            prefetch(publishedKeySource, auth.jwkSetUri());
        }
        processor.setJWSKeySelector((header, context) -> keysFor(header.getAlgorithm(), secretKeys, publishedKeys,
                header, context));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (!auth.issuer().isEmpty()) {
            exact.issuer(auth.issuer());
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                auth.audience().isEmpty() ? null : Set.of(auth.audience()), exact.build(), Set.of("exp"), null);
        clockSkewSeconds = auth.clockSkew().toSeconds();
        claims.setMaxClockSkew((int) clockSkewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** What a token came to: an identity, or why it was refused (for logs and the {@code connect_error} data). */
    public sealed interface Outcome permits Verified, Refused {
    }

    public record Verified(Identity identity) implements Outcome {
    }

    /** {@code code}: {@code token_missing}, {@code token_expired} or {@code token_invalid}; {@code reason} for logs. */
    public record Refused(String code, String reason) implements Outcome {
    }

    public Outcome verify(Object token) {
        if (!(token instanceof String text) || text.isBlank()) {
            return new Refused("token_missing", token == null ? "no token" : "the token is not a non-empty string");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(text, null);
        } catch (BadJWTException expiredOrWrongClaims) {
            String reason = expiredOrWrongClaims.getMessage();
            boolean expired = reason != null && reason.toLowerCase(java.util.Locale.ROOT).contains("expired");
            return new Refused(expired ? "token_expired" : "token_invalid", reason);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException invalid) {
            return new Refused("token_invalid", invalid.getMessage());
        }
        Role role = Role.fromClaim(claims.getClaim("role"));
        Integer agentId = null;
        if (role == Role.AGENT) {
            agentId = agentIdOf(claims.getClaim("agentId"));
            if (agentId == null) {
                return new Refused("token_invalid", "an agent token needs claim agentId, a positive whole number");
            }
        }
        String subject = claims.getSubject() == null ? "" : claims.getSubject();
        Instant expiresAt = claims.getExpirationTime().toInstant().plusSeconds(clockSkewSeconds);
        return new Verified(new Identity(subject, role, agentId, expiresAt));
    }

    /** The identity of a valid token, or null. */
    public Identity identityOf(Object token) {
        return verify(token) instanceof Verified verified ? verified.identity() : null;
    }

    private static Integer agentIdOf(Object claim) {
        if (claim instanceof Integer || claim instanceof Long) {
            long value = ((Number) claim).longValue();
            return value > 0 && value <= Integer.MAX_VALUE ? (int) value : null;
        }
        return null;
    }

    private static List<? extends Key> keysFor(JWSAlgorithm algorithm, JWSKeySelector<SecurityContext> secretKeys,
                                               JWSKeySelector<SecurityContext> publishedKeys,
                                               com.nimbusds.jose.JWSHeader header, SecurityContext context)
            throws com.nimbusds.jose.KeySourceException {
        if (JWSAlgorithm.HS256.equals(algorithm) && secretKeys != null) {
            return secretKeys.selectJWSKeys(header, context);
        }
        if ((JWSAlgorithm.RS256.equals(algorithm) || JWSAlgorithm.ES256.equals(algorithm)) && publishedKeys != null) {
            return publishedKeys.selectJWSKeys(header, context);
        }
        return List.of(); // Nimbus then refuses the token: no key for its algorithm
    }

    /** Stops the JWK set's background refresh. */
    @Override
    public void close() {
        if (publishedKeySource instanceof java.io.Closeable closeable) {
            try {
                closeable.close();
            } catch (java.io.IOException e) {
                log.debug("Closing the JWK set source failed", e);
            }
        }
    }

    /** Fetches the JWK set once, off the event loops, so that the first token does not wait for it. */
    private static void prefetch(JWKSource<SecurityContext> source, String uri) {
        Thread fetch = new Thread(() -> {
            try {
                source.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
            } catch (com.nimbusds.jose.KeySourceException | RuntimeException e) {
                log.warn("Could not fetch the JWK set at {} ahead of the first token ({}); it is fetched on first use",
                        uri, e.toString());
            }
        }, "jwk-set-prefetch");
        fetch.setDaemon(true);
        fetch.start();
    }

    private static JWKSource<SecurityContext> jwkSet(String uri) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(uri).toURL(),
                            new DefaultResourceRetriever(2_000, 2_000, 512 * 1024))
                    .retrying(true)
                    .refreshAheadCache(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME, null,
                            Executors.newSingleThreadExecutor(daemon("jwk-set-refresh")), true,
                            Executors.newSingleThreadScheduledExecutor(daemon("jwk-set-refresh-schedule")), true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("callcenter.gateway.auth.jwk-set-uri is not a URL: " + uri, e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
