package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.messages.PacketsMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Sees every decoded Engine.IO payload before netty-socketio's packet handler and reports each session's websocket
 * channel: netty-socketio 2.0.14 keeps a client's channels inside {@code ClientHead} with no public accessor, and the
 * encode-once write path needs the channel. Patch 5 of {@code package-info}.
 */
@Sharable
final class InboundPacketHook extends ChannelInboundHandlerAdapter {
    private final BiConsumer<UUID, Channel> websocketBound;

    InboundPacketHook(BiConsumer<UUID, Channel> websocketBound) {
        this.websocketBound = websocketBound;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof PacketsMessage packets && packets.getTransport() == Transport.WEBSOCKET) {
            websocketBound.accept(packets.getClient().getSessionId(), ctx.channel());
        }
        ctx.fireChannelRead(msg);
    }
}
