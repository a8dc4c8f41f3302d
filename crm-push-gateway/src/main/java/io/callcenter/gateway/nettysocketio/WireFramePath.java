package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.handler.EncoderHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;

import java.util.Map;

/**
 * Whether a websocket channel can be written pre-built frame bytes (the gateway's encode-once path). A plain
 * {@code ByteBuf} written from the channel passes netty-socketio's {@link EncoderHandler} (it only encodes its
 * {@code HttpMessage}s) and Netty's {@link WebSocket08FrameEncoder} (a {@code MessageToMessageEncoder} of
 * {@code WebSocketFrame}s) untouched, so it reaches the socket as it is. That is right only when the pipeline has
 * the RFC 6455 frame encoder (13, 08 and 07 share its framing; not the hixie-76 {@code WebSocket00FrameEncoder}) and
 * no other outbound handler: a {@code SslHandler}, a per-message-deflate encoder or the HTTP response encoder that
 * the websocket handshake removes once its response is written would all have to see the frame. Any outbound
 * handler outside that list keeps the channel on {@code TextWebSocketFrame}s.
 * <p>This relies on how netty-socketio builds its websocket pipeline and on {@code EncoderHandler} letting a
 * {@code ByteBuf} through: patch 4 of {@code package-info}. Call it on the channel's event loop (where its pipeline
 * changes).
 */
final class WireFramePath {
    private WireFramePath() {
    }

    static boolean takesWireFrames(Channel channel) {
        boolean frameEncoder = false;
        for (Map.Entry<String, ChannelHandler> entry : channel.pipeline()) {
            ChannelHandler handler = entry.getValue();
            if (handler instanceof WebSocket08FrameEncoder) {
                frameEncoder = true;
            } else if (handler instanceof ChannelOutboundHandler && !(handler instanceof EncoderHandler)) {
                return false;
            }
        }
        return frameEncoder;
    }
}
