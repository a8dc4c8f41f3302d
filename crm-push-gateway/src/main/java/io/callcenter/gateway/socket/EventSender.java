package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.gateway.nettysocketio.NettySocketIo;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes {@link OutboundEvent}s to clients without ever buffering without bound.
 * <p>Every websocket write, a broadcast's ({@link #broadcast}) or a single client's ({@link #send}: join answers,
 * errors), goes through the {@link LoopQueue} of the channel's event loop: a broadcast becomes ONE write per loop
 * for all of that loop's recipients, run inline on the loop (no cross-thread write task per client and event); a
 * drain writes every event waiting for a channel in order and then flushes it once. As everything for a channel
 * passes through one queue, each client sees events in the order they were handed over. Where it is safe (websocket
 * compression off in the configuration, and nothing in the channel's pipeline that transforms outbound bytes, see
 * {@link NettySocketIo#takesWireFrames}) a broadcast writes the event's pre-built websocket frame bytes as a plain {@code ByteBuf},
 * which netty-socketio's and Netty's websocket encoders pass on untouched: no frame object, header buffer or copy
 * per client and event; otherwise a {@code TextWebSocketFrame}.
 * A channel is written only while writable (Netty's write-buffer water marks, set from
 * {@code slow-client.max-pending-bytes}); when it is not, what is pending is flushed to the kernel first, and only if
 * it stays unwritable is the event skipped and counted; unwritable longer than {@code slow-client.max-unwritable}
 * closes it (the CRM reconnects and resyncs through {@code join_call_center}).
 * <p>Polling clients go through netty-socketio's packet queue, cut off when more than
 * {@code slow-client.max-polling-queue} packets wait for it.
 */
@Component
public class EventSender {
    /** Events per write at most, so that one large poll is split across drains. */
    static final int MAX_EVENTS_PER_WRITE = 64;
    private static final Logger log = LoggerFactory.getLogger(EventSender.class);

    private final GatewayMetrics metrics;
    private final long maxUnwritableNanos;
    private final int maxPollingQueue;
    private final boolean wireFramesAllowed;
    private final Map<EventLoop, LoopQueue> queues = new ConcurrentHashMap<>();
    private final FanoutBacklog backlog = new FanoutBacklog();

    public EventSender(GatewayProperties properties, GatewayMetrics metrics) {
        this.metrics = metrics;
        metrics.loopQueueGauge(backlog::queued);
        this.wireFramesAllowed = !properties.websocketCompression();
        this.maxUnwritableNanos = properties.slowClient().maxUnwritable().toNanos();
        this.maxPollingQueue = properties.slowClient().maxPollingQueue();
    }

    /**
     * Sends the event to this one client, after everything handed over for it before. The caller may close the
     * event as soon as this returns.
     */
    public void send(ClientState state, OutboundEvent event) {
        if (state.cutOff()) {
            return;
        }
        Channel websocket = websocketOf(state);
        if (websocket == null) {
            sendThroughLibrary(state, event);
        } else if (websocket.isActive()) {
            LoopBatch one = new LoopBatch();
            one.add(state, websocket);
            queueOf(websocket.eventLoop()).add(new LoopWrite(one, List.of(event), false));
        }
    }

    /**
     * Sends every event, in order, to every recipient. Websocket writes happen later on the channels' event loops,
     * each of which holds its own reference to the frames: the caller may close the events as soon as this returns.
     */
    public void broadcast(List<OutboundEvent> events, Iterable<ClientState> recipients) {
        if (events.isEmpty()) {
            return;
        }
        Map<EventLoop, LoopBatch> byLoop = new IdentityHashMap<>();
        List<ClientState> polling = new ArrayList<>();
        for (ClientState state : recipients) {
            if (state.cutOff()) {
                continue;
            }
            Channel websocket = websocketOf(state);
            if (websocket == null) {
                polling.add(state);
            } else if (websocket.isActive()) {
                byLoop.computeIfAbsent(websocket.eventLoop(), loop -> new LoopBatch()).add(state, websocket);
            }
        }
        for (int from = 0; from < events.size(); from += MAX_EVENTS_PER_WRITE) {
            List<OutboundEvent> chunk = events.subList(from, Math.min(events.size(), from + MAX_EVENTS_PER_WRITE));
            byLoop.forEach((loop, recipientsOnLoop) -> queueOf(loop).add(new LoopWrite(recipientsOnLoop, chunk,
                    wireFramesAllowed)));
        }
        for (OutboundEvent event : events) {
            int delivered = 0;
            for (ClientState state : polling) {
                if (!state.cutOff() && sendThroughLibrary(state, event)) {
                    delivered++;
                }
            }
            metrics.delivered(event.name(), delivered);
        }
    }

    private LoopQueue queueOf(EventLoop loop) {
        return queues.computeIfAbsent(loop, l -> new LoopQueue(l, backlog, metrics::loopQueueDelay,
                metrics::loopFlushedDelay));
    }

    /** The events waiting in the event loops' queues: the Kafka consumer polls more only while there is room. */
    public FanoutBacklog backlog() {
        return backlog;
    }

    private static Channel websocketOf(ClientState state) {
        Channel websocket = state.websocket();
        SocketIOClient client = state.client();
        return websocket != null && client.getTransport() == Transport.WEBSOCKET ? websocket : null;
    }

    private void onUnwritable(ClientState state, Channel websocket) {
        long now = System.nanoTime();
        long since = state.unwritableSinceNanos();
        if (since == 0) {
            state.unwritableSinceNanos(now);
        } else if (now - since > maxUnwritableNanos) {
            log.warn("Disconnecting slow client {} ({}): unwritable for over {} ms", state.socketId(),
                    websocket.remoteAddress(), maxUnwritableNanos / 1_000_000);
            metrics.slowClient("disconnected");
            state.markCutOff();
            websocket.close();
            return;
        }
        metrics.slowClient("dropped");
    }

    private boolean sendThroughLibrary(ClientState state, OutboundEvent event) {
        SocketIOClient client = state.client();
        if (NettySocketIo.pollingBacklog(client) > maxPollingQueue) {
            log.warn("Disconnecting slow polling client {}: over {} undelivered packets", state.socketId(),
                    maxPollingQueue);
            metrics.slowClient("disconnected");
            state.markCutOff();
            NettySocketIo.disconnectAndRelease(client); // released at once, not at the ping timeout
            return false;
        }
        client.sendEvent(event.name(), event.raw());
        metrics.delivered(event.name());
        return true;
    }

    /** The websocket recipients of a broadcast that live on one event loop. */
    private static final class LoopBatch {
        private final List<ClientState> states = new ArrayList<>();
        private final List<Channel> channels = new ArrayList<>();

        void add(ClientState state, Channel channel) {
            states.add(state);
            channels.add(channel);
        }
    }

    /** Events for the channels of one event loop, written when its {@link LoopQueue} drains. */
    private final class LoopWrite implements LoopQueue.Write {
        private final LoopBatch recipients;
        private final boolean wireFramesAllowed;
        private final String[] names;
        /** Payloads, for channels that need a {@code TextWebSocketFrame}. */
        private final ByteBuf[] frames;
        /** Complete frame bytes, for channels that take them as they are. */
        private final ByteBuf[] wireFrames;

        LoopWrite(LoopBatch recipients, List<OutboundEvent> events, boolean wireFramesAllowed) {
            this.recipients = recipients;
            this.wireFramesAllowed = wireFramesAllowed;
            this.names = new String[events.size()];
            this.frames = new ByteBuf[events.size()];
            this.wireFrames = new ByteBuf[events.size()];
            for (int i = 0; i < frames.length; i++) {
                names[i] = events.get(i).name();
                // this write's own references, released when it ends
                frames[i] = events.get(i).frameReference();
                wireFrames[i] = events.get(i).wireFrameReference();
            }
        }

        @Override
        public int events() {
            return frames.length;
        }

        @Override
        public void writeTo(Set<Channel> toFlush) {
            try {
                int[] delivered = new int[frames.length];
                for (int c = 0; c < recipients.states.size(); c++) {
                    writeAll(recipients.states.get(c), recipients.channels.get(c), delivered, toFlush);
                }
                countDelivered(delivered);
            } finally {
                discard();
            }
        }

        private void writeAll(ClientState state, Channel channel, int[] delivered, Set<Channel> toFlush) {
            boolean wire = wireFramesAllowed && takesWireFrames(state, channel);
            for (int i = 0; i < frames.length && !state.cutOff() && channel.isActive(); i++) {
                if (!channel.isWritable()) {
                    channel.flush(); // hand what is queued to the kernel before calling the client slow
                    if (!channel.isWritable()) {
                        onUnwritable(state, channel);
                        continue;
                    }
                }
                state.unwritableSinceNanos(0);
                // inline on this loop; a plain future, not the void promise: a write racing with a close fails
                // quietly on its future
                channel.write(wire ? wireFrames[i].retainedDuplicate()
                        : new TextWebSocketFrame(frames[i].retainedDuplicate()));
                delivered[i]++;
                toFlush.add(channel);
            }
        }

        private void countDelivered(int[] delivered) {
            Map<String, Integer> byName = new HashMap<>(8);
            for (int i = 0; i < names.length; i++) {
                byName.merge(names[i], delivered[i], Integer::sum);
            }
            byName.forEach(metrics::delivered);
        }

        @Override
        public void discard() {
            for (int i = 0; i < frames.length; i++) {
                frames[i].release();
                wireFrames[i].release();
            }
        }
    }

    /**
     * Whether the channel takes pre-built frame bytes ({@link NettySocketIo#takesWireFrames}); checked on the
     * channel's event loop and remembered per channel once it passed (a channel that did not pass is checked again on
     * its next broadcast: the handshake may not be finished yet).
     */
    static boolean takesWireFrames(ClientState state, Channel channel) {
        if (state.wireFramesChannel() == channel) {
            return true;
        }
        if (!NettySocketIo.takesWireFrames(channel)) {
            return false;
        }
        state.wireFramesChannel(channel);
        return true;
    }
}
