package io.callcenter.gateway.socket;

import io.netty.channel.ChannelHandler;

/**
 * Plain HTTP on the Socket.IO port (the rest feature: the guide's REST paths and static files): its handlers go into
 * every channel's pipeline ({@link GatewayChannelInitializer}) ahead of netty-socketio's. Owned here so that socket/
 * does not depend on rest/.
 */
public interface PlainHttp {
    /** A new handler for one channel, between the HTTP decoder and the aggregator (it sees a body as it arrives). */
    ChannelHandler newBodyGuard(int maxBodyBytes);

    /** The shared handler that answers the requests outside {@code /socket.io/} and passes the others on. */
    ChannelHandler handler();
}
