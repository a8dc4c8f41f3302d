package io.callcenter.gateway.nettysocketio;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;

import java.util.List;
import java.util.Map;

/**
 * Removes {@code b64} from Engine.IO v4 requests before netty-socketio sees them. socket.io-client 4.0.0 under Node
 * (not in browsers) adds {@code b64=1} to its polling requests, and netty-socketio 2.0.14 then answers in the
 * Engine.IO v3 length-prefixed framing, which a v4 client cannot parse, so the connection times out. In Engine.IO v4
 * {@code b64} has no meaning (text packets are always text), so dropping it is safe. The library reads {@code b64} in
 * {@code PollingTransport} (2.0.14, lines 71-84) whatever the {@code EIO} version. Patch 1 of {@code package-info}.
 */
@Sharable
final class B64QueryFix extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof FullHttpRequest request && request.uri().contains("b64")) {
            request.setUri(withoutB64(request.uri()));
        }
        ctx.fireChannelRead(msg);
    }

    static String withoutB64(String uri) {
        QueryStringDecoder decoder = new QueryStringDecoder(uri);
        Map<String, List<String>> parameters = decoder.parameters();
        List<String> eio = parameters.get("EIO");
        if (!parameters.containsKey("b64") || eio == null || !eio.contains("4")) {
            return uri;
        }
        QueryStringEncoder encoder = new QueryStringEncoder(decoder.rawPath());
        parameters.forEach((name, values) -> {
            if (!name.equals("b64")) {
                values.forEach(value -> encoder.addParam(name, value));
            }
        });
        return encoder.toString();
    }
}
