package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.metrics.GatewayMetrics;
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
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes {@link OutboundEvent}s to clients without ever buffering without bound.
 * <p>A broadcast ({@link #broadcast}) groups the websocket recipients by their channel's event loop and hands each
 * loop ONE task for the whole batch of events: on its own loop {@code channel.write} runs inline (no cross-thread
 * write task, no wake-up per client and event), every event of the batch goes to a channel in order, then one
 * {@code flush} per channel. A loop's tasks run in submission order, so each client sees the events in the order
 * they were broadcast. Where it is safe (websocket compression off in the configuration, and nothing in the channel's
 * pipeline that transforms outbound bytes, see {@link WireFramePath}) a broadcast writes the event's pre-built
 * websocket frame bytes as a plain {@code ByteBuf}, which netty-socketio's and Netty's websocket encoders pass on
 * untouched: no frame object, header buffer or copy per client and event; otherwise a {@code TextWebSocketFrame}.
 * A channel is written only while writable (Netty's write-buffer water marks, set from
 * {@code slow-client.max-pending-bytes}); when it is not, what is pending is flushed to the kernel first, and only if
 * it stays unwritable is the event skipped and counted; unwritable longer than {@code slow-client.max-unwritable}
 * closes it (the CRM reconnects and resyncs through {@code join_call_center}).
 * <p>Polling clients go through netty-socketio's packet queue, cut off when more than
 * {@code slow-client.max-polling-queue} packets wait for it. {@link #send} writes one event to one client
 * (join answers, errors).
 */
@Component
public class EventSender {
    /** Events per loop task at most, so that one large poll does not hold a loop (and its clients' reads) for long. */
    static final int MAX_EVENTS_PER_TASK = 64;
    private static final Logger log = LoggerFactory.getLogger(EventSender.class);

    private final GatewayMetrics metrics;
    private final long maxUnwritableNanos;
    private final int maxPollingQueue;
    private final boolean wireFramesAllowed;

    public EventSender(GatewayProperties properties, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.wireFramesAllowed = !properties.websocketCompression();
        this.maxUnwritableNanos = properties.slowClient().maxUnwritable().toNanos();
        this.maxPollingQueue = properties.slowClient().maxPollingQueue();
    }

    /** Sends the event to this client; false when it was skipped (slow or gone). */
    public boolean send(ClientState state, OutboundEvent event) {
        if (state.cutOff()) {
            return false;
        }
        Channel websocket = websocketOf(state);
        if (websocket != null) {
            return sendOnWebsocket(state, websocket, event);
        }
        return sendThroughLibrary(state, event);
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
        for (int from = 0; from < events.size(); from += MAX_EVENTS_PER_TASK) {
            List<OutboundEvent> chunk = events.subList(from, Math.min(events.size(), from + MAX_EVENTS_PER_TASK));
            byLoop.forEach((loop, recipientsOnLoop) -> submit(loop, recipientsOnLoop, chunk));
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

    private static Channel websocketOf(ClientState state) {
        Channel websocket = state.websocket();
        SocketIOClient client = state.client();
        return websocket != null && client.getTransport() == Transport.WEBSOCKET ? websocket : null;
    }

    private void submit(EventLoop loop, LoopBatch recipients, List<OutboundEvent> events) {
        LoopTask task = new LoopTask(recipients, events);
        try {
            loop.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            task.releaseFrames();
        }
    }

    private boolean sendOnWebsocket(ClientState state, Channel websocket, OutboundEvent event) {
        if (!websocket.isActive()) {
            return false;
        }
        if (!websocket.isWritable()) {
            onUnwritable(state, websocket);
            return false;
        }
        state.unwritableSinceNanos(0);
        // a plain future, not the void promise: a write racing with a close fails quietly on its future
        websocket.writeAndFlush(new TextWebSocketFrame(event.frameReference()));
        metrics.delivered(event.name());
        return true;
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
        if (client instanceof NamespaceClient namespaceClient
                && namespaceClient.getBaseClient().getPacketsQueue(Transport.POLLING).size() > maxPollingQueue) {
            log.warn("Disconnecting slow polling client {}: over {} undelivered packets", state.socketId(),
                    maxPollingQueue);
            metrics.slowClient("disconnected");
            state.markCutOff();
            client.disconnect();
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

    /** Runs on one event loop: writes each event to each of its channels, one flush per channel. */
    private final class LoopTask implements Runnable {
        private final LoopBatch recipients;
        private final String[] names;
        /** Payloads, for channels that need a {@code TextWebSocketFrame}. */
        private final ByteBuf[] frames;
        /** Complete frame bytes, for channels that take them as they are. */
        private final ByteBuf[] wireFrames;

        LoopTask(LoopBatch recipients, List<OutboundEvent> events) {
            this.recipients = recipients;
            this.names = new String[events.size()];
            this.frames = new ByteBuf[events.size()];
            this.wireFrames = new ByteBuf[events.size()];
            for (int i = 0; i < frames.length; i++) {
                names[i] = events.get(i).name();
                // this task's own references, released when it ends
                frames[i] = events.get(i).frameReference();
                wireFrames[i] = events.get(i).wireFrameReference();
            }
        }

        @Override
        public void run() {
            try {
                int[] delivered = new int[frames.length];
                for (int c = 0; c < recipients.states.size(); c++) {
                    writeAll(recipients.states.get(c), recipients.channels.get(c), delivered);
                }
                countDelivered(delivered);
            } finally {
                releaseFrames();
            }
        }

        private void writeAll(ClientState state, Channel channel, int[] delivered) {
            boolean wire = wireFramesAllowed && WireFramePath.takesWireFrames(state, channel);
            boolean wrote = false;
            for (int i = 0; i < frames.length && !state.cutOff() && channel.isActive(); i++) {
                if (!channel.isWritable()) {
                    channel.flush(); // hand what this batch queued to the kernel before calling the client slow
                    wrote = false;
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
                wrote = true;
            }
            if (wrote) {
                channel.flush();
            }
        }

        private void countDelivered(int[] delivered) {
            Map<String, Integer> byName = new HashMap<>(8);
            for (int i = 0; i < names.length; i++) {
                byName.merge(names[i], delivered[i], Integer::sum);
            }
            byName.forEach(metrics::delivered);
        }

        void releaseFrames() {
            for (int i = 0; i < frames.length; i++) {
                frames[i].release();
                wireFrames[i].release();
            }
        }
    }
}
