package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.SocketIOChannelInitializer;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;

/**
 * netty-socketio's pipeline plus the gateway's handlers, all ahead of its packet handler:
 * {@code httpDecoder → httpAggregator → httpEncoder → originGuard → b64Fix → rest → inboundPacketHook →
 * packetHandler → authorizeHandler → xhrPollingTransport → webSocketTransport → socketioEncoder → wrongUrlBlocker}.
 * The REST handler answers {@code /api/**} and static files on the same port as Socket.IO.
 */
public class GatewayChannelInitializer extends SocketIOChannelInitializer {
    private final ChannelHandler originGuard;
    private final ChannelHandler b64Fix;
    private final ChannelHandler rest;
    private final ChannelHandler packetHook;

    public GatewayChannelInitializer(ChannelHandler originGuard, ChannelHandler b64Fix, ChannelHandler rest,
                                     ChannelHandler packetHook) {
        this.originGuard = originGuard;
        this.b64Fix = b64Fix;
        this.rest = rest;
        this.packetHook = packetHook;
    }

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
        pipeline.addBefore(PACKET_HANDLER, "originGuard", originGuard);
        if (b64Fix != null) {
            pipeline.addBefore(PACKET_HANDLER, "b64Fix", b64Fix);
        }
        pipeline.addBefore(PACKET_HANDLER, "rest", rest);
        pipeline.addBefore(PACKET_HANDLER, "inboundPacketHook", packetHook);
    }
}
