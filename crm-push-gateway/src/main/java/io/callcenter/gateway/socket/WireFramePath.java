package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.handler.EncoderHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;

import java.util.Map;

/**
 * Whether a websocket channel can be written pre-built frame bytes ({@link OutboundEvent#wireFrameReference()}).
 * A plain {@code ByteBuf} written from the channel passes netty-socketio's {@link EncoderHandler} (it only encodes
 * its {@code HttpMessage}s) and Netty's {@link WebSocket08FrameEncoder} (a {@code MessageToMessageEncoder} of
 * {@code WebSocketFrame}s) untouched, so it reaches the socket as it is. That is right only when the pipeline has
 * the RFC 6455 frame encoder (13, 08 and 07 share its framing; not the hixie-76 {@code WebSocket00FrameEncoder}) and
 * no other outbound handler: a {@code SslHandler}, a per-message-deflate encoder or the HTTP response encoder that
 * the websocket handshake removes once its response is written would all have to see the frame. Any outbound
 * handler outside that list keeps the channel on {@code TextWebSocketFrame}s.
 * <p>Checked on the channel's event loop (where its pipeline changes) and remembered per channel when it passed;
 * a channel that did not pass is checked again on its next broadcast (the handshake may not be finished yet).
 */
final class WireFramePath {
    private WireFramePath() {
    }

    static boolean takesWireFrames(ClientState state, Channel channel) {
        if (state.wireFramesChannel() == channel) {
            return true;
        }
        if (!takesWireFrames(channel)) {
            return false;
        }
        state.wireFramesChannel(channel);
        return true;
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
