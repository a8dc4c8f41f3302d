package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.SocketIOClient;
import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.auth.Identity;
import io.netty.channel.Channel;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Every socket connected to this instance (namespace connect accepted by {@link ConnectGate}), by session id. */
@Component
public class ConnectedClients {
    private final Map<UUID, ClientState> clients = new ConcurrentHashMap<>();
    /** Websocket channels by session, also before the namespace connect (a websocket-only client's first packet). */
    private final Map<UUID, Channel> websockets = new ConcurrentHashMap<>();
    private final int commandsPerSecond;

    public ConnectedClients(GatewayProperties properties) {
        this.commandsPerSecond = properties.commands().rateLimitPerSecond();
    }

    /** Registers a socket whose namespace connect was accepted ({@link ConnectGate}), bound to its identity. */
    ClientState add(SocketIOClient client, Identity identity) {
        ClientState state = clients.computeIfAbsent(client.getSessionId(),
                id -> new ClientState(client, identity, commandsPerSecond));
        Channel websocket = websockets.get(client.getSessionId());
        if (websocket != null) {
            state.websocket(websocket);
        }
        return state;
    }

    void remove(UUID sessionId) {
        clients.remove(sessionId);
        websockets.remove(sessionId);
    }

    public ClientState get(UUID sessionId) {
        return clients.get(sessionId);
    }

    /** The client with this socket id, or null (not connected here, or not a session id at all). */
    public ClientState bySocketId(String socketId) {
        if (socketId == null) {
            return null;
        }
        try {
            return clients.get(UUID.fromString(socketId));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    /** Remembers the websocket channel of a session, seen on its first websocket packet. */
    void bindWebsocket(UUID sessionId, Channel channel) {
        if (websockets.put(sessionId, channel) != channel) {
            channel.closeFuture().addListener(closed -> websockets.remove(sessionId, channel));
        }
        ClientState state = clients.get(sessionId);
        if (state != null && state.websocket() != channel) {
            state.websocket(channel);
        }
    }

    /** The websocket channel of a session, connected or not; null when it has none. */
    Channel websocketOf(UUID sessionId) {
        return websockets.get(sessionId);
    }

    public Collection<ClientState> all() {
        return clients.values();
    }

    public int connectedCount() {
        return clients.size();
    }

    public int joinedCount() {
        int joined = 0;
        for (ClientState state : clients.values()) {
            if (state.joined()) {
                joined++;
            }
        }
        return joined;
    }
}
