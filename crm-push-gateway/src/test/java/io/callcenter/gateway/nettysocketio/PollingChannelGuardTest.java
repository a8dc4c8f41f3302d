package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.ClientsBox;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.store.MemoryStoreFactory;
import com.corundumstudio.socketio.transport.PollingTransport;
import com.corundumstudio.socketio.transport.WebSocketTransport;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patch 11: the library's two transports on a poll connection that closes after the session's next poll bound, with
 * and without {@link PollingChannelGuard} ahead of them. The interleaving (the next poll's {@code bindChannel} has
 * set the new channel but not yet taken the old one out of the {@code ClientsBox}) is set up by hand: it is the
 * window two event loops hit now and then, in which the library queues a Socket.IO DISCONNECT for the session.
 */
class PollingChannelGuardTest {
    private final ClientsBox box = new ClientsBox();
    private final ClientHead session = new ClientHead(UUID.randomUUID(), null, null, new MemoryStoreFactory(),
            new HandshakeData(new DefaultHttpHeaders(), Map.of(), null, "/socket.io/", false), box, Transport.POLLING,
            null, new Configuration(), Map.of(EngineIOVersion.EIO, List.of("4")));
    private final PollingTransport polling = new PollingTransport(null, null, box);
    private final WebSocketTransport websocket = new WebSocketTransport(false, null, new Configuration(), null, box);

    @Test
    void theLibraryDisconnectsASessionWhoseOldPollClosesWhileTheNextOneBinds() {
        EmbeddedChannel oldPoll = pollChannel(null);
        EmbeddedChannel nextPoll = pollChannel(null);
        nextPollBoundBeforeTheOldLeftTheBox(oldPoll, nextPoll);

        oldPoll.close();

        assertThat(disconnectsQueued()).as("netty-socketio #557 still there: remove patch 11 when this fails")
                .isEqualTo(1);
    }

    @Test
    void withTheGuardTheOldPollLeavesTheBoxAndTheSessionKeepsItsNextPoll() {
        PollingChannelGuard guard = new PollingChannelGuard(box);
        EmbeddedChannel oldPoll = pollChannel(guard);
        EmbeddedChannel nextPoll = pollChannel(guard);
        markPolling(oldPoll);
        nextPollBoundBeforeTheOldLeftTheBox(oldPoll, nextPoll);

        oldPoll.close();

        assertThat(disconnectsQueued()).isZero();
        assertThat(box.get(oldPoll)).isNull();
        assertThat(session.isTransportChannel(nextPoll, Transport.POLLING)).isTrue();
    }

    @Test
    void withTheGuardTheCurrentPollClosingReleasesItAsTheLibraryWould() {
        PollingChannelGuard guard = new PollingChannelGuard(box);
        EmbeddedChannel poll = pollChannel(guard);
        markPolling(poll);
        session.bindChannel(poll, Transport.POLLING);

        poll.close();

        assertThat(box.get(poll)).isNull();
        assertThat(session.isTransportChannel(poll, Transport.POLLING)).isFalse();
        assertThat(disconnectsQueued()).isZero();
    }

    @Test
    void aChannelThatCarriedNoPollGoesThroughTheLibrarysOwnHandling() {
        PollingChannelGuard guard = new PollingChannelGuard(box);
        EmbeddedChannel oldPoll = pollChannel(guard);
        EmbeddedChannel nextPoll = pollChannel(guard);
        nextPollBoundBeforeTheOldLeftTheBox(oldPoll, nextPoll); // no polling request seen on oldPoll

        oldPoll.close();

        assertThat(disconnectsQueued()).as("the library's handlers ran").isEqualTo(1);
    }

    /** {@code bindChannel} of the next poll, then the old channel put back in the box as if not yet removed. */
    private void nextPollBoundBeforeTheOldLeftTheBox(EmbeddedChannel oldPoll, EmbeddedChannel nextPoll) {
        session.bindChannel(oldPoll, Transport.POLLING);
        session.bindChannel(nextPoll, Transport.POLLING);
        box.add(oldPoll, session);
        drainOutbound(oldPoll, nextPoll);
    }

    private EmbeddedChannel pollChannel(ChannelHandler guard) {
        EmbeddedChannel channel = new EmbeddedChannel();
        if (guard != null) {
            channel.pipeline().addLast(PollingChannelGuard.NAME, guard);
        }
        channel.pipeline().addLast(SocketIOChannelInitializer.XHR_POLLING_TRANSPORT, polling);
        channel.pipeline().addLast(SocketIOChannelInitializer.WEB_SOCKET_TRANSPORT, websocket);
        return channel;
    }

    /** A poll request passes the guard (the library's polling transport then drops it: no session id). */
    private static void markPolling(EmbeddedChannel channel) {
        DefaultFullHttpRequest poll = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "/socket.io/?EIO=4&transport=polling");
        channel.writeOneInbound(poll);
        ReferenceCountUtil.release(channel.readInbound());
    }

    private long disconnectsQueued() {
        return session.getPacketsQueue(Transport.POLLING).stream()
                .filter(packet -> packet.getType() == PacketType.MESSAGE
                        && packet.getSubType() == PacketType.DISCONNECT)
                .count();
    }

    private static void drainOutbound(EmbeddedChannel... channels) {
        for (EmbeddedChannel channel : channels) {
            Object message;
            while ((message = channel.readOutbound()) != null) {
                ReferenceCountUtil.release(message);
            }
        }
    }
}
