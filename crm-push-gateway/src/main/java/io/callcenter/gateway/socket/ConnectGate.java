package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.callcenter.gateway.auth.Identity;
import io.callcenter.gateway.auth.LogSafe;
import io.callcenter.gateway.auth.TokenVerifier;
import io.callcenter.model.crm.CrmError;
import io.callcenter.model.serde.CallcenterJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one door into the Socket.IO namespace: every decoded Engine.IO payload, over polling and websocket, passes
 * here before netty-socketio's packet handler, and only a session that completed the namespace connect gets through.
 * <p>
 * Why here: netty-socketio 2.0.14's own authentication lets unauthenticated events through (patch 10 in
 * {@link io.callcenter.gateway.nettysocketio}'s package-info: it connects an Engine.IO v4 session to the default
 * namespace when its transport binds and asks its {@code AuthTokenListener} only for a connect that carries data). So
 * {@code 40}, {@code 40null}, a connect batched after 0x1E, or no connect at all, would each reach the handlers. This
 * gate instead denies by default:
 * <ul>
 * <li>A session whose namespace connect was accepted ({@link SessionAccess#connected()}) passes unchanged, until its
 * token expires: then its packets are dropped, it gets {@code error {code: "token_expired"}} and is disconnected
 * (Socket.IO disconnect, so the client does not reconnect on its own with the same token).</li>
 * <li>Before that, its payload is read packet by packet (polling batches split at 0x1E): Engine.IO control packets
 * (open, close, ping, pong, upgrade, noop) pass; a namespace connect is answered here: accepted when it carries a valid
 * {@code {token}} (or a valid {@code ?token=} came at the handshake, or auth is off), refused otherwise; anything
 * else (an event, an ack, a disconnect, a binary frame, garbage) refuses the session.</li>
 * <li>A refused session gets {@code connect_error} ({@code 44{"message":"unauthorized","data":{"code":...}}}), is
 * closed two seconds later (time for a polling client to fetch the error) and nothing of it but Engine.IO control
 * packets passes meanwhile (a client upgrading to websocket gets the error there once its upgrade passes). A session
 * that does not complete the connect within {@code auth.connect-timeout} is closed.</li>
 * </ul>
 * The accepted connect is answered {@code 40{"sid":...}} here and the socket is registered with
 * {@link ConnectedClients}, bound to its {@link Identity}; netty-socketio never sees the connect packet.
 */
@Sharable
final class ConnectGate extends ChannelInboundHandlerAdapter {
    static final String UNAUTHORIZED = "unauthorized";
    private static final Logger log = LoggerFactory.getLogger(ConnectGate.class);
    private static final Duration REFUSED_CLOSE_DELAY = Duration.ofSeconds(2);
    private static final byte RECORD_SEPARATOR = 0x1e;

    /** Null when authentication is off. */
    private final TokenVerifier verifier;
    private final ConnectedClients clients;
    private final EventSender sender;
    private final Namespace namespace;
    private final RecoveryLog recoveryLog;
    private final RecoverySessions sessions;
    private final Recovery recovery;
    private final Duration connectTimeout;
    private final Clock clock;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gateway-connect-gate");
        thread.setDaemon(true);
        return thread;
    });

    ConnectGate(TokenVerifier verifier, ConnectedClients clients, EventSender sender, Namespace namespace,
                RecoveryLog recoveryLog, RecoverySessions sessions, Recovery recovery, Duration connectTimeout,
                Clock clock) {
        this.verifier = verifier;
        this.clients = clients;
        this.sender = sender;
        this.namespace = namespace;
        this.recoveryLog = recoveryLog;
        this.sessions = sessions;
        this.recovery = recovery;
        this.connectTimeout = connectTimeout;
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof PacketsMessage packets)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ClientHead head = packets.getClient();
        SessionAccess access = head.getStore().get(SessionAccess.STORE_KEY);
        if (access == null) {
            log.warn("Session {} has no access record (not from this gateway's handshake); closing it",
                    head.getSessionId());
            close(head);
            return;
        }
        // one session's packets can arrive on two channels at once while it upgrades (a connect over polling, the
        // upgrade over websocket); netty-socketio moves the queued packets to the websocket on the upgrade without
        // a lock, so an answer queued at the same moment could stay on the polling queue nobody polls any more
        synchronized (access) {
            admit(ctx, packets, head, access);
        }
    }

    private void admit(ChannelHandlerContext ctx, PacketsMessage packets, ClientHead head, SessionAccess access) {
        if (access.connected()) {
            if (access.identity().expiredAt(clock.instant())) {
                expire(head, access);
                return;
            }
            ctx.fireChannelRead(packets);
            return;
        }
        if (!EngineIOVersion.V4.equals(head.getEngineIOVersion())) {
            return; // dropped: a v3 session is connected at its handshake or not at all
        }
        admitPacketByPacket(ctx, packets, head, access);
    }

    private void admitPacketByPacket(ChannelHandlerContext ctx, PacketsMessage packets, ClientHead head,
                                     SessionAccess access) {
        for (byte[] packet : split(packets.getContent(), packets.getTransport())) {
            if (access.connected()) {
                forward(ctx, head, packet, packets.getTransport());
            } else if (isEngineIoControl(packet)) {
                // also for a refused session: its connect_error may wait in the polling queue for the upgrade
                forward(ctx, head, packet, packets.getTransport());
            } else if (access.refused()) {
                continue; // dropped: nothing of a refused session reaches the handlers
            } else if (packet.length >= 2 && packet[0] == '4' && packet[1] == '0') {
                namespaceConnect(head, access, new String(packet, 2, packet.length - 2, StandardCharsets.UTF_8));
            } else {
                refuse(head, access, "not_connected", "sent " + describe(packet) + " before a namespace connect");
            }
        }
    }

    private void namespaceConnect(ClientHead head, SessionAccess access, String afterType) {
        String data = afterType;
        if (afterType.startsWith("/")) {
            int comma = afterType.indexOf(',');
            String nsp = comma < 0 ? afterType : afterType.substring(0, comma);
            if (!"/".equals(nsp)) {
                refuse(head, access, "invalid_namespace", "asked for namespace " + LogSafe.text(nsp));
                return;
            }
            data = comma < 0 ? "" : afterType.substring(comma + 1);
        }
        JsonNode auth;
        try {
            auth = data.isEmpty() ? null : CallcenterJson.mapper().readTree(data);
        } catch (JacksonException malformed) {
            refuse(head, access, "invalid_payload", "a namespace connect whose data is not JSON");
            return;
        }
        Identity identity = identityFor(head, access, auth);
        if (identity == null) {
            return; // refused
        }
        access.connect(identity);
        NamespaceClient client = head.getChildClient(namespace);
        if (client == null) {
            client = (NamespaceClient) head.addNamespaceClient(namespace);
            namespace.onConnect(client);
        }
        ClientState state = clients.add(client, identity);
        connected(head, state, auth);
        scheduleExpiry(head, access, identity);
        log.debug("Socket {} connected as {}", head.getSessionId(), identity.describe());
    }

    /**
     * Answers the accepted connect: {@code 40{"sid"}}, or for a socket that asks for connection-state recovery
     * ({@code recovery: true}, or the {@code pid} of an earlier socket) {@code 40{"sid","pid"}}: the same pid, then
     * the broadcasts missed since its {@code offset}, when the earlier socket can be recovered (socket.io-client then
     * reports {@code socket.recovered}); a new pid otherwise (the client resyncs through its join).
     */
    private void connected(ClientHead head, ClientState state, JsonNode auth) {
        JsonNode pid = auth != null && auth.isObject() ? auth.get("pid") : null;
        boolean asked = auth != null && auth.isObject() && (pid != null
                || auth.path("recovery").asBoolean(false));
        if (!recoveryLog.enabled() || !asked) {
            sendConnected(head, null);
            return;
        }
        if (pid != null && pid.isString()) {
            RecoverySessions.Session earlier = sessions.takeOver(pid.asString(), state.identity()).orElse(null);
            JsonNode offset = auth.get("offset");
            if (earlier != null && recovery.recover(state, offset == null || !offset.isString() ? null
                    : offset.asString(), earlier.joined(), () -> {
                        state.pid(earlier.pid());
                        state.userType(earlier.userType());
                        sendConnected(head, earlier.pid());
                    })) {
                log.info("Socket {} recovered the state of an earlier socket (joined: {})", head.getSessionId(),
                        earlier.joined());
                return;
            }
        }
        String fresh = RecoverySessions.newPid();
        state.pid(fresh);
        sendConnected(head, fresh);
    }

    private static void sendConnected(ClientHead head, String pid) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sid", head.getSessionId().toString());
        if (pid != null) {
            data.put("pid", pid);
        }
        Packet connected = new Packet(PacketType.MESSAGE, head.getEngineIOVersion());
        connected.setSubType(PacketType.CONNECT);
        connected.setNsp("");
        connected.setData(data);
        head.send(connected);
    }

    /** The identity the connect is accepted as, or null after refusing the session. */
    private Identity identityFor(ClientHead head, SessionAccess access, JsonNode auth) {
        if (verifier == null) {
            return Identity.ANONYMOUS;
        }
        Instant now = clock.instant();
        Identity fromHandshake = access.handshakeIdentity();
        if (fromHandshake != null && !fromHandshake.expiredAt(now)) {
            return fromHandshake;
        }
        JsonNode token = auth != null && auth.isObject() ? auth.get("token") : null;
        TokenVerifier.Outcome outcome = verifier.verify(token == null || !token.isString() ? null : token.asString());
        if (outcome instanceof TokenVerifier.Verified verified) {
            return verified.identity();
        }
        TokenVerifier.Refused refused = (TokenVerifier.Refused) outcome;
        refuse(head, access, refused.code(), LogSafe.text(refused.reason()));
        return null;
    }

    private void refuse(ClientHead head, SessionAccess access, String code, String reason) {
        access.refuse();
        log.info("Refused socket {} from {}: {} ({})", head.getSessionId(), head.getRemoteAddress(), code, reason);
        Packet error = new Packet(PacketType.MESSAGE, head.getEngineIOVersion());
        error.setSubType(PacketType.ERROR);
        error.setNsp("");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", UNAUTHORIZED);
        data.put("data", Map.of("code", code));
        error.setData(data);
        head.send(error);
        access.timer(timers.schedule(() -> close(head), REFUSED_CLOSE_DELAY.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Called for every transport bind of a session (netty-socketio's connect listener): an Engine.IO v3 session,
     * connected at its handshake, is registered now; a v4 one has {@code auth.connect-timeout} to send its connect.
     */
    void transportConnected(SocketIOClient client) {
        if (!(client instanceof NamespaceClient namespaceClient)) {
            return;
        }
        ClientHead head = namespaceClient.getBaseClient();
        SessionAccess access = head.getStore().get(SessionAccess.STORE_KEY);
        if (access == null) {
            close(head);
        } else if (access.connected()) {
            clients.add(client, access.identity());
            scheduleExpiry(head, access, access.identity());
        } else if (!access.refused()) {
            access.timer(timers.schedule(() -> {
                if (!access.connected() && !access.refused()) {
                    log.info("Closing session {} from {}: no namespace connect within {}", head.getSessionId(),
                            head.getRemoteAddress(), connectTimeout);
                    access.refuse();
                    close(head);
                }
            }, connectTimeout.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** Called when the socket disconnects: its pending timer goes; a recoverable socket's state is kept. */
    void disconnected(SocketIOClient client, ClientState state) {
        SessionAccess access = client.get(SessionAccess.STORE_KEY);
        if (access != null) {
            access.cancelTimer();
        }
        if (state != null && state.pid() != null && access != null && !access.refused()) {
            sessions.disconnected(state);
        }
    }

    private void scheduleExpiry(ClientHead head, SessionAccess access, Identity identity) {
        if (identity.expiresAt() == null) {
            access.cancelTimer();
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), identity.expiresAt()).toMillis());
        access.timer(timers.schedule(() -> expire(head, access), delay, TimeUnit.MILLISECONDS));
    }

    /** The token ran out: {@code error {code: "token_expired"}}, then a Socket.IO disconnect. */
    private void expire(ClientHead head, SessionAccess access) {
        if (!access.markExpired()) {
            return;
        }
        log.info("Disconnecting socket {} ({}): its token expired", head.getSessionId(),
                access.identity().describe());
        ClientState state = clients.get(head.getSessionId());
        if (state != null) {
            try (OutboundEvent error = OutboundEvent.encode(CrmError.EVENT, new CrmError("token_expired",
                    "the token expired; connect again with a new one", null, null))) {
                sender.send(state, error);
            }
            state.client().disconnect();
        }
        close(head);
    }

    /**
     * Ends the Engine.IO session: netty-socketio's {@code disconnect()} releases the session but closes a websocket
     * only once the disconnect packet's write completes, which its websocket encoder never reports; so the session's
     * websocket channel is closed here too.
     */
    private void close(ClientHead head) {
        io.netty.channel.Channel websocket = clients.websocketOf(head.getSessionId()); // forgotten on disconnect
        head.disconnect();
        if (websocket != null) {
            websocket.close();
        }
    }

    void shutdown() {
        timers.shutdownNow();
    }

    private static void forward(ChannelHandlerContext ctx, ClientHead head, byte[] packet, Transport transport) {
        ByteBuf content = Unpooled.wrappedBuffer(packet);
        try {
            ctx.fireChannelRead(new PacketsMessage(head, content, transport));
        } finally {
            content.release();
        }
    }

    /** Engine.IO v4 packet types that carry no Socket.IO data: close 1, ping 2, pong 3, upgrade 5, noop 6. */
    private static boolean isEngineIoControl(byte[] packet) {
        if (packet.length == 0) {
            return false;
        }
        return switch (packet[0]) {
            case '1', '2', '3', '5', '6' -> true;
            default -> false;
        };
    }

    /** A polling payload is packets joined by 0x1E; a websocket frame is one packet. */
    private static List<byte[]> split(ByteBuf content, Transport transport) {
        byte[] bytes = ByteBufUtil.getBytes(content);
        if (transport != Transport.POLLING) {
            return List.of(bytes);
        }
        List<byte[]> packets = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == RECORD_SEPARATOR) {
                byte[] packet = new byte[i - start];
                System.arraycopy(bytes, start, packet, 0, packet.length);
                packets.add(packet);
                start = i + 1;
            }
        }
        return packets;
    }

    private static String describe(byte[] packet) {
        if (packet.length == 0) {
            return "an empty packet";
        }
        String head = new String(packet, 0, Math.min(packet.length, 2), StandardCharsets.UTF_8);
        return "a packet of type '" + LogSafe.text(head) + "' (" + packet.length + " bytes)";
    }
}
