package io.callcenter.gateway.rest;

import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.kit.api.ApiResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * A REST or static-file request whose body is over {@code max-payload-bytes} gets {@code 413} with the
 * {@code {success: false, error: {code: "payload_too_large"}}} envelope, instead of the connection reset Netty's
 * aggregator leaves a client that is still sending. Sits between the HTTP decoder and the aggregator, one instance per
 * channel: it judges the declared {@code Content-Length}, or counts a chunked body, answers once the limit is passed,
 * then reads and drops the rest of the body (up to {@link #DRAIN_FACTOR} times the limit, so that the client can finish
 * sending and read the answer) and closes. Engine.IO requests ({@code /socket.io/}) keep netty-socketio's behaviour.
 * Inbound only: an outbound handler in a websocket channel's pipeline would turn off the pre-built frame path
 * ({@code WireFramePath}; {@code FanoutOrderTest} fails if it does).
 */
public final class BodyLimitGuard extends ChannelInboundHandlerAdapter {
    static final int DRAIN_FACTOR = 16;

    private final long limit;
    private boolean judging;
    private boolean refusing;
    private long seen;

    public BodyLimitGuard(int limit) {
        this.limit = limit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            judging = !request.uri().startsWith("/socket.io/");
            refusing = false;
            seen = 0;
            if (judging && HttpUtil.getContentLength(request, -1L) > limit) {
                refuse(ctx, request.uri(), HttpUtil.getContentLength(request, -1L));
                ReferenceCountUtil.release(msg);
                return;
            }
        }
        if (judging && msg instanceof HttpContent content) {
            seen += content.content().readableBytes();
            if (refusing) {
                ReferenceCountUtil.release(msg);
                if (msg instanceof LastHttpContent || seen > limit * DRAIN_FACTOR) {
                    ctx.close();
                }
                return;
            }
            if (seen > limit) {
                refuse(ctx, null, seen);
                ReferenceCountUtil.release(msg);
                if (msg instanceof LastHttpContent) {
                    ctx.close();
                }
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, String uri, long size) {
        refusing = true;
        byte[] body = CallcenterJson.mapper().writeValueAsBytes(ApiResponse.failure("payload_too_large",
                "the request body is " + (uri == null ? "over " : "") + size + " bytes; at most " + limit
                        + " are accepted (callcenter.gateway.max-payload-bytes)"));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // from the channel's tail, so that the HTTP encoder (after this handler) encodes it
        ctx.channel().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }
}
