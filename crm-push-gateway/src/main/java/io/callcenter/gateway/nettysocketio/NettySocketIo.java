package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.handler.ClientsBox;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.JsonSupport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The one door to the gateway's patches over netty-socketio 2.0.14 (listed in {@code package-info}): every method
 * names the patch it applies; the patches themselves are package-private. When an upgrade fixes a bug, its method
 * here becomes a plain call into the library (or goes), and no caller outside this package changes.
 */
public final class NettySocketIo {
    /** The event name an unhandled client event arrives under, its original name as the one argument (patch 3). */
    public static final String UNKNOWN_EVENT = EventNameGuard.UNKNOWN_EVENT;
    /** The name of {@link #pollingChannelGuard}'s handler in the pipeline. */
    public static final String POLLING_CHANNEL_GUARD = PollingChannelGuard.NAME;
    private static final Logger log = LoggerFactory.getLogger(NettySocketIo.class);

    private NettySocketIo() {
    }

    /** A server over {@code config}, its default channel initializer's timer released (patch 7). */
    public static SocketIOServer newServer(Configuration config) {
        SocketIOServer server = new SocketIOServer(config);
        try {
            ServerReflection.releaseDefaultPipelineFactory(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Could not release netty-socketio's default channel initializer: {}", e.toString());
        }
        return server;
    }

    /** netty-socketio's JSON support, with events outside {@code handled} renamed to {@link #UNKNOWN_EVENT} (patch 3). */
    public static JsonSupport jsonSupport(Set<String> handled) {
        return new EventNameGuard(new JacksonJsonSupport(), handled);
    }

    /**
     * Closes the listening socket, keeps open connections (patch 8). Returns false, after logging, when the
     * library's fields are not what 2.0.14 has; the port then closes with {@code SocketIOServer.stop()}.
     */
    public static boolean stopAccepting(SocketIOServer server) {
        try {
            ServerReflection.stopAccepting(server);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Could not stop accepting connections before the drain: {}", e.toString());
            return false;
        }
    }

    /** The pipeline handler that drops {@code b64} from Engine.IO v4 requests (patch 1); before the packet handler. */
    public static ChannelHandler b64QueryFix() {
        return new B64QueryFix();
    }

    /** netty-socketio's {@code socketioEncoder}, over an encoder that loses no polling packet (patch 2). */
    public static EncoderHandler pollingSafeEncoder(Configuration configuration) throws IOException {
        return new EncoderHandler(configuration, new PollingBatchFix(configuration, configuration.getJsonSupport()));
    }

    /** Whether the channel's pipeline lets pre-built websocket frame bytes through untouched (patch 4). */
    public static boolean takesWireFrames(Channel channel) {
        return WireFramePath.takesWireFrames(channel);
    }

    /**
     * The pipeline handler that reports each session's websocket channel to {@code bound} (session id, channel)
     * (patch 5); before the packet handler.
     */
    public static ChannelHandler websocketChannelHook(BiConsumer<UUID, Channel> bound) {
        return new InboundPacketHook(bound);
    }

    /**
     * Closes a client at the Engine.IO level, so socket.io-client reconnects (patch 6). {@code websocket}: the
     * client's websocket channel, null while it has none.
     */
    public static void closeEngineIo(SocketIOClient client, Channel websocket) {
        EngineIoClose.close(client, websocket);
    }

    /** Packets waiting in the client's polling queue for its next poll (patch 9). */
    public static int pollingBacklog(SocketIOClient client) {
        return PollingSessions.backlog(client);
    }

    /** A Socket.IO disconnect, and the session and its queue released at once rather than at the ping timeout (patch 9). */
    public static void disconnectAndRelease(SocketIOClient client) {
        PollingSessions.disconnectAndRelease(client);
    }

    /**
     * The pipeline handler that binds and releases long-polling channels atomically and keeps a closing poll from
     * disconnecting its session (patch 11); its name, and where it goes: before {@code authorizeHandler}.
     */
    public static ChannelHandler pollingChannelGuard(SocketIOChannelInitializer initializer) {
        try {
            return new PollingChannelGuard((ClientsBox) ServerReflection.field(SocketIOChannelInitializer.class,
                    "clientsBox").get(initializer));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("netty-socketio's ClientsBox is not where 2.0.14 keeps it", e);
        }
    }

    /** Whether {@link #closeEngineIo}'s close has gone out. */
    public static boolean engineIoClosed(SocketIOClient client, Channel websocket) {
        return EngineIoClose.closed(client, websocket);
    }
}
