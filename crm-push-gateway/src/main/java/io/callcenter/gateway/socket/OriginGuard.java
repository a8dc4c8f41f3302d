package io.callcenter.gateway.socket;

import io.callcenter.gateway.GatewayProperties;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * Refuses Socket.IO requests from browser origins outside {@code callcenter.gateway.cors-origins} (403). Allowed
 * origins are echoed by netty-socketio itself; REST paths have their own CORS handling (rest.RestHandler).
 */
@Sharable
public class OriginGuard extends ChannelInboundHandlerAdapter {
    private final GatewayProperties properties;

    public OriginGuard(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof FullHttpRequest request && !properties.anyOrigin()
                && request.uri().startsWith("/socket.io/")
                && !properties.originAllowed(request.headers().get(HttpHeaderNames.ORIGIN))) {
            request.release();
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.FORBIDDEN,
                    Unpooled.copiedBuffer("origin not allowed", StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
