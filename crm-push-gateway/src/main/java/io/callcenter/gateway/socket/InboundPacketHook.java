package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.messages.PacketsMessage;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sees every decoded Engine.IO payload before netty-socketio's packet handler and remembers each session's websocket
 * channel, for the encode-once write path ({@link EventSender}).
 */
@Sharable
public class InboundPacketHook extends ChannelInboundHandlerAdapter {
    private final ConnectedClients clients;

    public InboundPacketHook(ConnectedClients clients) {
        this.clients = clients;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof PacketsMessage packets && packets.getTransport() == Transport.WEBSOCKET) {
            clients.bindWebsocket(packets.getClient().getSessionId(), ctx.channel());
        }
        ctx.fireChannelRead(msg);
    }
}
