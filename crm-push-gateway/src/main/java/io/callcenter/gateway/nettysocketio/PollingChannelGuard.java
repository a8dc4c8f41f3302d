package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.ClientsBox;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.handler.TransportState;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a long-polling session's channel bookkeeping consistent when one poll's connection closes while the next poll
 * binds (patch 11 of {@code package-info}). netty-socketio 2.0.14 answers each poll and closes its connection; the
 * client's next poll arrives on a new connection, often on another event loop, and two of its handlers then race:
 * <ul>
 * <li>{@code ClientHead.bindChannel} (the new poll) sets the session's polling channel, then removes the old one from
 * the {@code ClientsBox}; {@code PollingTransport.channelInactive} (the old connection) clears the polling channel if
 * it is still the old one. Interleaved, the clear can land after the new bind: the session keeps no polling channel,
 * the waiting poll is never answered, and the client, hearing nothing, ends on a ping timeout.</li>
 * <li>{@code WebSocketTransport.channelInactive} queues a Socket.IO DISCONNECT for whatever session the inactive
 * channel still maps to in the {@code ClientsBox}, websocket or not
 * (<a href="https://github.com/mrniko/netty-socketio/issues/557">#557</a>): an old poll connection closing between
 * the new bind and its removal tells the client {@code io server disconnect}, after which socket.io-client does not
 * reconnect.</li>
 * </ul>
 * Both were seen in this module's tests as a polling client that, after a join sent it hundreds of events (ten polls
 * in a row), got a DISCONNECT or nothing at all. This handler, ahead of the library's, binds each poll (a {@code GET}
 * with a session id) under the session's lock and does the inactive-side bookkeeping itself under the same lock, then
 * passes the event on past {@code webSocketTransport}, so neither library handler sees a polling channel go inactive.
 * A poll that binds while its session upgrades is also ended with a noop if nothing answers it within 100 ms
 * ({@link #endHeldPoll}). Websocket and REST channels pass untouched. Only a poll's request processing, a poll
 * connection's close and that noop take the lock; under it nothing waits for another lock, except the connect gate's
 * per-session one when the library connects the namespace on that poll (and that gate never waits for this lock).
 */
@Sharable
final class PollingChannelGuard extends ChannelInboundHandlerAdapter {
    static final String NAME = "pollingChannelGuard";
    /** How long a poll waits, while its session upgrades, before a noop answers it. */
    static final long UPGRADE_NOOP_DELAY_MILLIS = 100;
    private static final AttributeKey<Boolean> POLLING = AttributeKey.valueOf("callcenter.pollingChannel");
    private static final Field CHANNELS = channelsField();

    private final ClientsBox clientsBox;

    PollingChannelGuard(ClientsBox clientsBox) {
        this.clientsBox = clientsBox;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof FullHttpRequest request) {
            QueryStringDecoder query = new QueryStringDecoder(request.uri());
            if ("polling".equals(first(query, "transport"))) {
                ctx.channel().attr(POLLING).set(Boolean.TRUE);
                ClientHead session = HttpMethod.GET.equals(request.method()) ? session(first(query, "sid")) : null;
                if (session != null) {
                    synchronized (session) {
                        ctx.fireChannelRead(msg); // PollingTransport.onGet binds this channel, under the lock
                    }
                    if (upgrading(session)) {
                        ctx.channel().eventLoop().schedule(() -> endHeldPoll(ctx.channel(), session),
                                UPGRADE_NOOP_DELAY_MILLIS, TimeUnit.MILLISECONDS);
                    }
                    return;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Channel channel = ctx.channel();
        if (!Boolean.TRUE.equals(channel.attr(POLLING).get())) {
            ctx.fireChannelInactive();
            return;
        }
        release(channel);
        ChannelHandlerContext last = ctx.pipeline().context(SocketIOChannelInitializer.WEB_SOCKET_TRANSPORT);
        if (last == null) {
            ctx.fireChannelInactive();
        } else {
            last.fireChannelInactive(); // on to the handlers after the library's two transports
        }
    }

    /**
     * While a session upgrades (its websocket probed, no upgrade packet yet) a poll is answered with a noop if nothing
     * else answered it within {@link #UPGRADE_NOOP_DELAY_MILLIS}, as the reference engine.io server does every 100 ms:
     * the client pauses polling for its upgrade only once its pending poll returns, and netty-socketio sends a single
     * noop when the probe arrives, which a poll sent just before the client saw the probe's answer never gets.
     */
    private static void endHeldPoll(Channel poll, ClientHead session) {
        synchronized (session) {
            if (poll.isActive() && poll.attr(EncoderHandler.WRITE_ONCE).get() == null
                    && session.isTransportChannel(poll, Transport.POLLING) && upgrading(session)) {
                session.send(new Packet(PacketType.NOOP, session.getEngineIOVersion()), Transport.POLLING);
            }
        }
    }

    /** Polling still the session's transport while it has a websocket channel: the client is upgrading. */
    private static boolean upgrading(ClientHead session) {
        if (session.getCurrentTransport() != Transport.POLLING) {
            return false;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<Transport, TransportState> channels = (Map<Transport, TransportState>) CHANNELS.get(session);
            Channel websocket = channels.get(Transport.WEBSOCKET).getChannel();
            return websocket != null && websocket.isActive();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("netty-socketio's ClientHead.channels is not what 2.0.14 has", e);
        }
    }

    /** What {@code PollingTransport.channelInactive} does, atomically with a bind of the same session. */
    void release(Channel channel) {
        ClientHead session = clientsBox.get(channel);
        if (session == null) {
            return;
        }
        synchronized (session) {
            if (session.isTransportChannel(channel, Transport.POLLING)) {
                session.releasePollingChannel(channel);
            } else {
                clientsBox.remove(channel); // a later poll is bound already; this one only leaves the box
            }
        }
    }

    private static Field channelsField() {
        try {
            return ServerReflection.field(ClientHead.class, "channels");
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("netty-socketio's ClientHead has no channels field (not 2.0.14)", e);
        }
    }

    private ClientHead session(String sid) {
        if (sid == null) {
            return null;
        }
        try {
            return clientsBox.get(UUID.fromString(sid));
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static String first(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
