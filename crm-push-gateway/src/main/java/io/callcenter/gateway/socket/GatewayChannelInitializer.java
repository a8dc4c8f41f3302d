package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import io.callcenter.gateway.nettysocketio.NettySocketIo;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * netty-socketio's pipeline plus the gateway's handlers, all ahead of its packet handler:
 * {@code httpDecoder → bodyLimit → httpAggregator → httpEncoder → originGuard → b64Fix → rest → inboundPacketHook →
 * connectGate → packetHandler → pollingChannelGuard → authorizeHandler → xhrPollingTransport → webSocketTransport → socketioEncoder → wrongUrlBlocker}.
 * The REST handler ({@link PlainHttp}, the rest feature) answers {@code /api/**} and static files on the same port
 * as Socket.IO; {@code bodyLimit} is its too. The library's
 * {@code socketioEncoder} is replaced by the same handler over an encoder that loses no polling packet
 * ({@link NettySocketIo#pollingSafeEncoder}); {@code b64Fix}, {@code inboundPacketHook} and {@code pollingChannelGuard} are patches too (see
 * {@code io.callcenter.gateway.nettysocketio}).
 */
class GatewayChannelInitializer extends SocketIOChannelInitializer {
    private final ChannelHandler originGuard;
    private final ChannelHandler b64Fix;
    private final PlainHttp http;
    private final ChannelHandler packetHook;
    private final ChannelHandler connectGate;
    private EncoderHandler encoder;
    private ChannelHandler pollingGuard;
    private int maxBodyBytes;

    GatewayChannelInitializer(ChannelHandler originGuard, ChannelHandler b64Fix, PlainHttp http,
                                     ChannelHandler packetHook, ChannelHandler connectGate) {
        this.originGuard = originGuard;
        this.b64Fix = b64Fix;
        this.http = http;
        this.packetHook = packetHook;
        this.connectGate = connectGate;
    }

    @Override
    public void start(Configuration configuration, NamespacesHub namespacesHub) {
        super.start(configuration, namespacesHub);
        maxBodyBytes = configuration.getMaxHttpContentLength();
        try {
            encoder = NettySocketIo.pollingSafeEncoder(configuration);
            pollingGuard = NettySocketIo.pollingChannelGuard(this);
        } catch (IOException e) {
            throw new UncheckedIOException("netty-socketio's encoder could not be created", e);
        }
    }

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
        pipeline.replace(SOCKETIO_ENCODER, SOCKETIO_ENCODER, encoder);
        pipeline.addAfter(HTTP_REQUEST_DECODER, "bodyLimit", http.newBodyGuard(maxBodyBytes));
        pipeline.addBefore(PACKET_HANDLER, "originGuard", originGuard);
        if (b64Fix != null) {
            pipeline.addBefore(PACKET_HANDLER, "b64Fix", b64Fix);
        }
        pipeline.addBefore(PACKET_HANDLER, "rest", http.handler());
        pipeline.addBefore(PACKET_HANDLER, "inboundPacketHook", packetHook);
        pipeline.addBefore(PACKET_HANDLER, "connectGate", connectGate);
        pipeline.addBefore(AUTHORIZE_HANDLER, NettySocketIo.POLLING_CHANNEL_GUARD, pollingGuard);
    }
}
