package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * Closes a client's connection at the Engine.IO level, never with a Socket.IO disconnect: socket.io-client does not
 * reconnect after a Socket.IO disconnect from the server (reason {@code io server disconnect}), but does, at once,
 * after a transport close (reason {@code transport close}). netty-socketio 2.0.14 offers only
 * {@code SocketIOClient.disconnect()} (the Socket.IO disconnect), so this reaches into its {@code NamespaceClient}
 * and {@code ClientHead}: the client is sent the Engine.IO close packet {@code 1} on its current transport, after
 * whatever was already queued for it (on polling it is the answer to its next poll, which engine.io-client takes as
 * the transport closing); a websocket channel is then closed with a websocket close frame (1001 going away:
 * engine.io-client 5 ignores a close packet on websocket, the closed socket is what it sees). Patch 6 of
 * {@code package-info}.
 */
final class EngineIoClose {
    private EngineIoClose() {
    }

    /** {@code websocket}: the client's websocket channel, null while it has none. */
    static void close(SocketIOClient client, Channel websocket) {
        if (!(client instanceof NamespaceClient namespaceClient)) {
            return; // netty-socketio hands out NamespaceClient only
        }
        ClientHead head = namespaceClient.getBaseClient();
        Transport transport = head.getCurrentTransport();
        head.send(new Packet(PacketType.CLOSE, head.getEngineIOVersion()), transport);
        if (transport == Transport.WEBSOCKET && websocket != null) {
            // a task on the channel's loop runs after the writes handed to it before (FIFO): the close goes last
            websocket.eventLoop().execute(() -> websocket.writeAndFlush(
                            new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "server going away"))
                    .addListener(ChannelFutureListener.CLOSE));
        }
    }

    /** Whether the close has gone out: the websocket channel is closed, or the polling queue is empty. */
    static boolean closed(SocketIOClient client, Channel websocket) {
        if (!(client instanceof NamespaceClient namespaceClient)) {
            return true;
        }
        ClientHead head = namespaceClient.getBaseClient();
        if (head.getCurrentTransport() == Transport.WEBSOCKET) {
            return websocket == null || !websocket.isOpen();
        }
        return head.getPacketsQueue(Transport.POLLING).isEmpty();
    }
}
