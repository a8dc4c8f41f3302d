package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.AuthTokenListener;
import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.AuthorizationListener;
import com.corundumstudio.socketio.AuthorizationResult;
import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.transport.NamespaceClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Socket authentication, checked before a socket is connected:
 * <ul>
 * <li>Engine.IO handshake ({@link AuthorizationListener}): a {@code ?token=} query parameter is verified here; an
 * Engine.IO v3 client (no auth packet in that protocol) without a valid one is refused with HTTP 401.</li>
 * <li>Socket.IO v4 namespace connect ({@link AuthTokenListener}): {@code auth: {token}} from the client's options,
 * or the query token already verified; otherwise the client gets {@code connect_error} whose message is
 * {@code unauthorized}, and its Engine.IO session is closed a moment later.</li>
 * </ul>
 */
public class SocketAuthentication implements AuthorizationListener, AuthTokenListener {
    public static final String UNAUTHORIZED = "unauthorized";
    private static final Logger log = LoggerFactory.getLogger(SocketAuthentication.class);
    private static final String AUTHENTICATED = "authenticated";

    private final TokenVerifier verifier;
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gateway-auth-closer");
        thread.setDaemon(true);
        return thread;
    });

    public SocketAuthentication(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public AuthorizationResult getAuthorizationResult(HandshakeData data) {
        String queryToken = data.getSingleUrlParam("token");
        boolean valid = queryToken != null && verifier.verify(queryToken) != null;
        if (valid) {
            return new AuthorizationResult(true, Map.of(AUTHENTICATED, true));
        }
        if (!"4".equals(data.getSingleUrlParam("EIO"))) {
            log.info("Refused Engine.IO {} handshake from {}: no valid token", data.getSingleUrlParam("EIO"),
                    data.getAddress());
            return AuthorizationResult.FAILED_AUTHORIZATION;
        }
        return AuthorizationResult.SUCCESSFUL_AUTHORIZATION; // decided on the namespace connect, see below
    }

    @Override
    public AuthTokenResult getAuthTokenResult(Object authData, SocketIOClient client) {
        if (Boolean.TRUE.equals(client.get(AUTHENTICATED))) {
            return AuthTokenResult.AuthTokenResultSuccess;
        }
        Object token = authData instanceof Map<?, ?> auth ? auth.get("token") : null;
        if (verifier.verify(token) != null) {
            return AuthTokenResult.AuthTokenResultSuccess;
        }
        log.info("Refused socket {} from {}: {} token", client.getSessionId(), client.getRemoteAddress(),
                token == null ? "no" : "invalid");
        closeSoon(client);
        return new AuthTokenResult(false, Map.of("message", UNAUTHORIZED));
    }

    /** After the connect error has had time to reach the client; polling clients fetch it on their next GET. */
    private void closeSoon(SocketIOClient client) {
        if (client instanceof NamespaceClient namespaceClient) {
            closer.schedule(() -> namespaceClient.getBaseClient().disconnect(), 2, TimeUnit.SECONDS);
        }
    }

    public void shutdown() {
        closer.shutdownNow();
    }
}
