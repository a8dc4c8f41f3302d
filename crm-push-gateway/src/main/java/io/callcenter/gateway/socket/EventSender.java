package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.metrics.GatewayMetrics;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes an {@link OutboundEvent} to one client without ever buffering without bound. A websocket client gets the
 * shared frame written straight to its channel, only while the channel is writable (Netty's write-buffer water
 * marks, set from {@code slow-client.max-pending-bytes}); while it is not, events for it are skipped and counted, and
 * once it has been unwritable longer than {@code slow-client.max-unwritable} its channel is closed (the CRM
 * reconnects and resyncs through {@code join_call_center}). A polling client goes through netty-socketio's packet
 * queue, cut off when more than {@code slow-client.max-polling-queue} packets wait for it.
 */
@Component
public class EventSender {
    private static final Logger log = LoggerFactory.getLogger(EventSender.class);

    private final GatewayMetrics metrics;
    private final long maxUnwritableNanos;
    private final int maxPollingQueue;

    public EventSender(GatewayProperties properties, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.maxUnwritableNanos = properties.slowClient().maxUnwritable().toNanos();
        this.maxPollingQueue = properties.slowClient().maxPollingQueue();
    }

    /** Sends the event to this client; false when it was skipped (slow or gone). */
    public boolean send(ClientState state, OutboundEvent event) {
        if (state.cutOff()) {
            return false;
        }
        SocketIOClient client = state.client();
        Channel websocket = state.websocket();
        if (websocket != null && client.getTransport() == Transport.WEBSOCKET) {
            return sendOnWebsocket(state, websocket, event);
        }
        return sendThroughLibrary(state, event);
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
}
