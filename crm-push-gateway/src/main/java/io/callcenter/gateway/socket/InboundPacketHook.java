package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.nio.charset.StandardCharsets;

/**
 * Sees every decoded Engine.IO payload before netty-socketio's packet handler:
 * <ul>
 * <li>remembers each session's websocket channel, for the encode-once write path ({@link EventSender});</li>
 * <li>with authentication on, turns a bare namespace connect {@code 40} into {@code 40{}}: netty-socketio runs the
 * {@code AuthTokenListener} only when the connect packet carries auth data, so without this a client that sends no
 * token at all would be let in.</li>
 * </ul>
 */
@Sharable
public class InboundPacketHook extends ChannelInboundHandlerAdapter {
    private static final byte[] BARE_CONNECT = "40".getBytes(StandardCharsets.US_ASCII);

    private final ConnectedClients clients;
    private final boolean authEnabled;

    public InboundPacketHook(ConnectedClients clients, boolean authEnabled) {
        this.clients = clients;
        this.authEnabled = authEnabled;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof PacketsMessage packets)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (packets.getTransport() == Transport.WEBSOCKET) {
            clients.bindWebsocket(packets.getClient().getSessionId(), ctx.channel());
        }
        if (authEnabled && EngineIOVersion.V4.equals(packets.getClient().getEngineIOVersion())
                && isBareConnect(packets.getContent())) {
            // the transport that created the message releases the original content once this call returns
            ByteBuf withEmptyAuth = Unpooled.copiedBuffer("40{}", StandardCharsets.US_ASCII);
            try {
                ctx.fireChannelRead(new PacketsMessage(packets.getClient(), withEmptyAuth, packets.getTransport()));
            } finally {
                withEmptyAuth.release();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isBareConnect(ByteBuf content) {
        return content.readableBytes() == BARE_CONNECT.length
                && ByteBufUtil.equals(content, content.readerIndex(), Unpooled.wrappedBuffer(BARE_CONNECT), 0,
                BARE_CONNECT.length);
    }
}
