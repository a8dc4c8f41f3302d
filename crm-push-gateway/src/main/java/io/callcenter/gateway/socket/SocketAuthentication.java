package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.AuthorizationListener;
import com.corundumstudio.socketio.AuthorizationResult;
import com.corundumstudio.socketio.HandshakeData;
import io.callcenter.gateway.auth.Identity;
import io.callcenter.gateway.auth.TokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The Engine.IO handshake (netty-socketio's {@link AuthorizationListener}, run once per session before it exists):
 * gives every session its {@link SessionAccess}, so that {@link ConnectGate} can judge each of its packets. With
 * authentication on, a {@code ?token=} query parameter is verified here; an Engine.IO v3 client (whose namespace
 * netty-socketio connects on the handshake, with no connect packet to carry a token) without a valid one is refused
 * with HTTP 401. An Engine.IO v4 client's token may come later, in its namespace connect.
 */
final class SocketAuthentication implements AuthorizationListener {
    private static final Logger log = LoggerFactory.getLogger(SocketAuthentication.class);

    /** Null when authentication is off. */
    private final TokenVerifier verifier;

    SocketAuthentication(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public AuthorizationResult getAuthorizationResult(HandshakeData data) {
        boolean engineIoV4 = "4".equals(data.getSingleUrlParam("EIO"));
        if (verifier == null) {
            return accepted(engineIoV4 ? SessionAccess.awaitingConnect(Identity.ANONYMOUS)
                    : SessionAccess.connectedAtHandshake(Identity.ANONYMOUS));
        }
        String queryToken = data.getSingleUrlParam("token");
        TokenVerifier.Outcome outcome = queryToken == null ? null : verifier.verify(queryToken);
        Identity identity = outcome instanceof TokenVerifier.Verified verified ? verified.identity() : null;
        if (outcome instanceof TokenVerifier.Refused refused) {
            log.info("Handshake from {}: ?token= refused ({}: {})", data.getAddress(), refused.code(),
                    io.callcenter.gateway.auth.LogSafe.text(refused.reason()));
        }
        if (engineIoV4) {
            return accepted(SessionAccess.awaitingConnect(identity)); // decided on the namespace connect
        }
        if (identity == null) {
            log.info("Refused Engine.IO '{}' handshake from {}: no valid ?token=",
                    io.callcenter.gateway.auth.LogSafe.text(data.getSingleUrlParam("EIO")), data.getAddress());
            return AuthorizationResult.FAILED_AUTHORIZATION;
        }
        return accepted(SessionAccess.connectedAtHandshake(identity));
    }

    private static AuthorizationResult accepted(SessionAccess access) {
        return new AuthorizationResult(true, Map.of(SessionAccess.STORE_KEY, access));
    }
}
