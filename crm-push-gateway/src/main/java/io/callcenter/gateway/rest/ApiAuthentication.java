package io.callcenter.gateway.rest;

import io.callcenter.gateway.auth.TokenVerifier;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Locale;

/**
 * With authentication on, the REST API needs the same JWT as the sockets: the endpoints answer customer data
 * ({@code /api/customers/search}) and the agent list, which must not be open when the sockets are closed. The token
 * comes as {@code Authorization: Bearer <jwt>} (what the console's fetches send) or as {@code ?token=<jwt>} (for a
 * link or a tool that cannot set headers); a header, when present, is the one judged. Off, everything is allowed.
 */
final class ApiAuthentication {
    private static final String BEARER = "bearer ";

    private final TokenVerifier verifier;

    /** {@code verifier}: null when authentication is off. */
    ApiAuthentication(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** Null when the request may go on; otherwise why not, for the 401's message. */
    String refusal(HttpRequest request) {
        if (verifier == null) {
            return null;
        }
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        String token;
        if (header != null) {
            String trimmed = header.trim();
            if (!trimmed.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
                return "the Authorization header must be 'Bearer <jwt>'";
            }
            token = trimmed.substring(BEARER.length()).trim();
        } else {
            List<String> query = new QueryStringDecoder(request.uri()).parameters().get("token");
            token = query == null || query.isEmpty() ? null : query.get(0);
        }
        if (token == null) {
            return "this endpoint needs a token: send 'Authorization: Bearer <jwt>' or '?token=<jwt>'";
        }
        return verifier.verify(token) instanceof TokenVerifier.Refused refused
                ? "the token was refused (" + refused.code() + ")" : null;
    }
}
