package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.namespace.Namespace;
import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.auth.TokenVerifier;
import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.gateway.nettysocketio.NettySocketIo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The Socket.IO server on {@code callcenter.gateway.port}: netty-socketio with the default namespace only, polling
 * and websocket, manual acks (the gateway answers them itself), random session ids (a client cannot pick another's
 * id), websocket compression off, 64 KiB frames and bodies, and the write-buffer water marks that make a slow
 * client's channel unwritable. Every packet passes {@link ConnectGate}, which lets only sessions that completed the
 * namespace connect (with a valid token when authentication is on) reach the handlers. Started by {@link io.callcenter.gateway.GatewayLifecycle} once the views are rebuilt.
 */
@Component
public class SocketServer {
    private static final Logger log = LoggerFactory.getLogger(SocketServer.class);

    private final GatewayProperties properties;
    private final ClientEvents events;
    private final ConnectedClients clients;
    private final PlainHttp http;
    private final EventSender sender;
    private final TokenVerifier verifier;
    private final RecoveryLog recoveryLog;
    private final RecoverySessions recoverySessions;
    private final Recovery recovery;
    private SocketIOServer server;
    private ConnectGate gate;

    public SocketServer(GatewayProperties properties, ClientEvents events, ConnectedClients clients, PlainHttp http,
                        GatewayMetrics metrics, EventSender sender, Optional<TokenVerifier> verifier,
                        RecoveryLog recoveryLog, RecoverySessions recoverySessions, Recovery recovery) {
        this.recoveryLog = recoveryLog;
        this.recoverySessions = recoverySessions;
        this.recovery = recovery;
        this.properties = properties;
        this.events = events;
        this.clients = clients;
        this.http = http;
        this.sender = sender;
        this.verifier = verifier.orElse(null);
        metrics.clientGauges(clients::connectedCount, clients::joinedCount);
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        Configuration config = new Configuration();
        config.setPort(properties.port());
        config.setTransports(Transport.POLLING, Transport.WEBSOCKET);
        config.setAckMode(AckMode.MANUAL);
        config.setRandomSession(true);
        config.setPingInterval((int) properties.pingInterval().toMillis());
        config.setPingTimeout((int) properties.pingTimeout().toMillis());
        config.setMaxFramePayloadLength(properties.maxPayloadBytes());
        config.setMaxHttpContentLength(properties.maxPayloadBytes());
        config.setWebsocketCompression(properties.websocketCompression());
        config.setHttpCompression(false);
        config.setEnableCors(true);
        config.setOrigin(null); // echo the request's origin; OriginGuard refuses origins outside the allowed list
        config.setJsonSupport(NettySocketIo.jsonSupport(events.names()));
        config.getSocketConfig().setReuseAddress(true);
        config.getSocketConfig().setTcpNoDelay(true);
        int highWaterMark = properties.slowClient().maxPendingBytes();
        config.getSocketConfig().setWriteBufferWaterMarkHigh(highWaterMark);
        config.getSocketConfig().setWriteBufferWaterMarkLow(Math.max(1, highWaterMark / 2));
        config.setAuthorizationListener(new SocketAuthentication(verifier));

        SocketIOServer created = NettySocketIo.newServer(config);
        gate = new ConnectGate(verifier, clients, sender, (Namespace) created.getNamespace(Namespace.DEFAULT_NAME),
                recoveryLog, recoverySessions, recovery, properties.auth().connectTimeout(), Clock.systemUTC());
        created.setPipelineFactory(new GatewayChannelInitializer(new OriginGuard(properties),
                properties.b64Fix() ? NettySocketIo.b64QueryFix() : null, http,
                NettySocketIo.websocketChannelHook(clients::bindWebsocket), gate));
        register(created, gate);
        created.start();
        server = created;
        log.info("Socket.IO and REST listening on port {} (instance {}, auth {})", properties.port(),
                properties.instanceId(), properties.auth().enabled() ? "on" : "off");
    }

    /**
     * Connects netty-socketio's listeners: a bound transport and a disconnect go to the {@link ConnectGate} (which
     * registers and forgets sockets), every event name {@link ClientEvents} serves, and {@link NettySocketIo#UNKNOWN_EVENT}
     * for the others, goes to {@link ClientEvents} with the socket's {@link ClientState}.
     */
    private void register(SocketIOServer created, ConnectGate connectGate) {
        created.addConnectListener(client -> {
            log.debug("Session {} bound from {} over {}", client.getSessionId(), client.getRemoteAddress(),
                    client.getTransport());
            connectGate.transportConnected(client);
        });
        created.addDisconnectListener(client -> {
            ClientState state = clients.get(client.getSessionId());
            clients.remove(client.getSessionId());
            connectGate.disconnected(client, state);
        });
        for (String name : events.names()) {
            created.addEventListener(name, Object.class, (client, payload, ack) ->
                    withState(client, state -> events.on(name, state, payload, ack)));
        }
        created.addEventListener(NettySocketIo.UNKNOWN_EVENT, String.class, (client, name, ack) ->
                withState(client, state -> events.unknown(name, state, ack)));
    }

    /**
     * Runs a handler for a registered socket only. {@link ConnectGate} lets no event of an unconnected session through,
     * so an unregistered one is never expected; should one come, it is dropped, never served.
     */
    private void withState(SocketIOClient client, Consumer<ClientState> action) {
        ClientState state = clients.get(client.getSessionId());
        if (state == null) {
            log.warn("Dropped an event of session {}, which has not completed a namespace connect",
                    client.getSessionId());
            return;
        }
        action.accept(state);
    }

    /**
     * Stops taking connections: netty-socketio's acceptor group is shut down, which closes the listening socket (a
     * new connection is refused, so the edge sends it to another instance); open connections stay. netty-socketio
     * has no call for this ({@link NettySocketIo#stopAccepting}, a patch); should it fail, this only logs and the
     * port closes with {@link #stop()}.
     */
    public synchronized void stopAccepting() {
        if (server != null && NettySocketIo.stopAccepting(server)) {
            log.info("Socket.IO port {} closed to new connections", properties.port());
        }
    }

    /**
     * Closes every connected client at the Engine.IO level ({@link NettySocketIo#closeEngineIo}: its client reconnects at once,
     * where the edge sends it), after what was already queued for it, and waits until each close has gone out or
     * {@code maxWait} has passed. Returns how many were still open then.
     */
    public int closeClients(Duration maxWait) {
        List<ClientState> closing = new ArrayList<>(clients.all());
        for (ClientState client : closing) {
            try {
                NettySocketIo.closeEngineIo(client.client(), client.websocket());
            } catch (RuntimeException e) {
                log.debug("Could not close client {}: {}", client.socketId(), e.toString());
            }
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!closing.isEmpty()) {
            closing.removeIf(client -> NettySocketIo.engineIoClosed(client.client(), client.websocket()));
            if (closing.isEmpty() || System.nanoTime() >= deadline) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // shutdown only: polls the closes going out
        }
        return closing.size();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (gate != null) {
            gate.shutdown();
            gate = null;
        }
    }

    /** The library's own count of connected clients (namespace), next to {@link ConnectedClients}. */
    public synchronized int libraryClientCount() {
        return server == null ? 0 : server.getAllClients().size();
    }
}
