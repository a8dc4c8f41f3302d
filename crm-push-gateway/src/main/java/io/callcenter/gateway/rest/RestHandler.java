package io.callcenter.gateway.rest;

import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.auth.TokenVerifier;
import io.callcenter.gateway.fanout.ActiveCalls;
import io.callcenter.gateway.fanout.AgentStatuses;
import io.callcenter.gateway.socket.ConnectedClients;
import io.callcenter.gateway.socket.PlainHttp;
import io.callcenter.kit.api.ApiResponse;
import io.callcenter.model.serde.CallcenterJson;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The guide's REST endpoints on the Socket.IO port, as a Netty handler ahead of netty-socketio's packet handler:
 * <ul>
 * <li>{@code GET /api/agents/status}, {@code GET /api/agents/available}: proxied to agent-directory;</li>
 * <li>{@code POST /api/customers/search}: proxied to customer-service;</li>
 * <li>{@code GET /api/call-center/status}: this instance's clients, active calls and agent counts;</li>
 * <li>anything else under {@code /api}: 404 envelope; wrong method: 405 envelope; upstream down: 503
 * {@code upstream_unavailable};</li>
 * <li>other paths outside {@code /socket.io/}: static files from classpath {@code static/} (crm-console: {@code /} is
 * its {@code index.html}); {@code /guide-example.html}, the guide's page with its {@code innerHTML} of customer
 * names, only while {@code serve-guide-example} allows it (off in the prod profile).</li>
 * </ul>
 * With authentication on, {@code /api/**} needs the sockets' JWT ({@link ApiAuthentication}): 401 {@code unauthorized}
 * otherwise. Static files need none (the console page must load to hand its token to the API and the socket).
 * CORS on all of them, with {@code OPTIONS} preflight (never asks for a token: browsers send none with it); origins
 * from {@code callcenter.gateway.cors-origins}.
 * Every response closes the connection, as netty-socketio does for its polling responses.
 */
@Component
@Sharable
public class RestHandler extends ChannelInboundHandlerAdapter implements PlainHttp {
    private static final Logger log = LoggerFactory.getLogger(RestHandler.class);
    private static final String SOCKET_IO_PATH = "/socket.io/";
    static final String GUIDE_EXAMPLE = "guide-example.html";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json", "png", "image/png",
            "svg", "image/svg+xml", "ico", "image/x-icon", "txt", "text/plain; charset=utf-8");

    private final GatewayProperties properties;
    private final ConnectedClients clients;
    private final ActiveCalls calls;
    private final AgentStatuses agents;
    private final UpstreamProxy upstream;
    private final ApiAuthentication authentication;

    public RestHandler(GatewayProperties properties, ConnectedClients clients, ActiveCalls calls,
                       AgentStatuses agents, Optional<TokenVerifier> verifier) {
        this.properties = properties;
        this.clients = clients;
        this.calls = calls;
        this.agents = agents;
        this.upstream = new UpstreamProxy(properties.upstreamTimeout());
        this.authentication = new ApiAuthentication(verifier.orElse(null));
    }

    @Override
    public ChannelHandler newBodyGuard(int maxBodyBytes) {
        return new BodyLimitGuard(maxBodyBytes);
    }

    @Override
    public ChannelHandler handler() {
        return this;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof FullHttpRequest request) || request.uri().startsWith(SOCKET_IO_PATH)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            String path = new QueryStringDecoder(request.uri()).path();
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (!properties.originAllowed(origin)) {
                respondJson(ctx, null, HttpResponseStatus.FORBIDDEN,
                        ApiResponse.failure("origin_not_allowed", "origin " + origin + " is not allowed"));
            } else if (request.method().equals(HttpMethod.OPTIONS)) {
                preflight(ctx, request, origin);
            } else if (path.equals("/api") || path.startsWith("/api/")) {
                api(ctx, request, path, origin);
            } else {
                staticFile(ctx, request, path, origin);
            }
        } finally {
            request.release();
        }
    }

    private void api(ChannelHandlerContext ctx, FullHttpRequest request, String path, String origin) {
        String refusal = authentication.refusal(request);
        if (refusal != null) {
            FullHttpResponse response = jsonResponse(origin, HttpResponseStatus.UNAUTHORIZED,
                    ApiResponse.failure("unauthorized", refusal));
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            write(ctx, response);
            return;
        }
        HttpMethod method = request.method();
        switch (path) {
            case "/api/call-center/status" -> {
                if (requireMethod(ctx, method, HttpMethod.GET, path, origin)) {
                    respondJson(ctx, origin, HttpResponseStatus.OK, ApiResponse.ok(status()));
                }
            }
            case "/api/agents/status", "/api/agents/available" -> {
                if (requireMethod(ctx, method, HttpMethod.GET, path, origin)) {
                    proxyAgents(ctx, origin, path, withoutToken(new QueryStringDecoder(request.uri()).rawQuery()));
                }
            }
            case "/api/customers/search" -> {
                if (requireMethod(ctx, method, HttpMethod.POST, path, origin)) {
                    byte[] body = ByteBufUtil.getBytes(request.content());
                    proxy(ctx, origin, "customer-service",
                            upstream.postJson(properties.customerServiceUrl() + path, body));
                }
            }
            default -> respondJson(ctx, origin, HttpResponseStatus.NOT_FOUND,
                    ApiResponse.failure("not_found", "no endpoint " + method + " " + path));
        }
    }

    public CallCenterStatus status() {
        return new CallCenterStatus(clients.connectedCount(), clients.joinedCount(),
                new CallCenterStatus.ActiveCalls(calls.ringingCount(), calls.connectedCount()), agents.counts(),
                properties.instanceId());
    }

    private boolean requireMethod(ChannelHandlerContext ctx, HttpMethod actual, HttpMethod expected, String path,
                                  String origin) {
        if (actual.equals(expected)) {
            return true;
        }
        respondJson(ctx, origin, HttpResponseStatus.METHOD_NOT_ALLOWED, ApiResponse.failure("method_not_allowed",
                path + " accepts " + expected + ", not " + actual));
        return false;
    }

    /** The query string minus {@code token=...}: the caller's credential is not agent-directory's business. */
    static String withoutToken(String rawQuery) {
        return java.util.Arrays.stream(rawQuery.split("&"))
                .filter(part -> !part.isEmpty() && !part.equals("token") && !part.startsWith("token="))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    /** Forwards the query string too (agent-directory's {@code ?limit=N}); one that is not a valid URI is a 400. */
    private void proxyAgents(ChannelHandlerContext ctx, String origin, String path, String rawQuery) {
        URI target;
        try {
            target = URI.create(properties.agentDirectoryUrl() + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
        } catch (IllegalArgumentException e) {
            respondJson(ctx, origin, HttpResponseStatus.BAD_REQUEST, ApiResponse.failure("invalid_parameter",
                    "the query string of " + path + " is not a valid URI query: " + e.getMessage()));
            return;
        }
        proxy(ctx, origin, "agent-directory", upstream.get(target));
    }

    private void proxy(ChannelHandlerContext ctx, String origin, String service,
                       java.util.concurrent.CompletableFuture<UpstreamProxy.Reply> reply) {
        reply.whenComplete((answer, failure) -> {
            if (failure != null) {
                log.warn("{} unavailable: {}", service, failure.toString());
                respondJson(ctx, origin, HttpResponseStatus.SERVICE_UNAVAILABLE, ApiResponse.failure(
                        "upstream_unavailable", service + " is unavailable; try again shortly"));
            } else {
                respond(ctx, origin, HttpResponseStatus.valueOf(answer.status()), answer.body(),
                        "application/json");
            }
        });
    }

    private void preflight(ChannelHandlerContext ctx, FullHttpRequest request, String origin) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        cors(response, origin);
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
        String requested = request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                requested != null ? requested : "Content-Type, Authorization");
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, 600);
        write(ctx, response);
    }

    private void staticFile(ChannelHandlerContext ctx, FullHttpRequest request, String path, String origin) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            respondJson(ctx, origin, HttpResponseStatus.METHOD_NOT_ALLOWED,
                    ApiResponse.failure("method_not_allowed", path + " accepts GET"));
            return;
        }
        String file = path.equals("/") ? "index.html" : path.substring(1);
        // no "." or empty segments either: a class-path directory (an IDE, a reactor build) would resolve
        // "./guide-example.html" to the page the setting hides
        if (file.contains("..") || file.contains("\\") || file.startsWith("/") || file.contains("./")
                || file.contains("//") || file.equals(GUIDE_EXAMPLE) && !properties.serveGuideExample()) {
            respondJson(ctx, origin, HttpResponseStatus.NOT_FOUND, ApiResponse.failure("not_found", "no file " + path));
            return;
        }
        try (InputStream in = RestHandler.class.getClassLoader().getResourceAsStream("static/" + file)) {
            if (in == null) {
                respondJson(ctx, origin, HttpResponseStatus.NOT_FOUND,
                        ApiResponse.failure("not_found", "no file " + path));
                return;
            }
            String extension = file.contains(".") ? file.substring(file.lastIndexOf('.') + 1) : "";
            respond(ctx, origin, HttpResponseStatus.OK, in.readAllBytes(),
                    CONTENT_TYPES.getOrDefault(extension.toLowerCase(Locale.ROOT), "application/octet-stream"));
        } catch (IOException e) {
            respondJson(ctx, origin, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    ApiResponse.failure("internal_error", "could not read " + path));
        }
    }

    private void respondJson(ChannelHandlerContext ctx, String origin, HttpResponseStatus status, Object body) {
        write(ctx, jsonResponse(origin, status, body));
    }

    private FullHttpResponse jsonResponse(String origin, HttpResponseStatus status, Object body) {
        return response(origin, status, CallcenterJson.mapper().writeValueAsBytes(body), "application/json");
    }

    private void respond(ChannelHandlerContext ctx, String origin, HttpResponseStatus status, byte[] body,
                         String contentType) {
        write(ctx, response(origin, status, body, contentType));
    }

    private FullHttpResponse response(String origin, HttpResponseStatus status, byte[] body, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        cors(response, origin);
        return response;
    }

    private void cors(FullHttpResponse response, String origin) {
        if (origin != null && properties.originAllowed(origin)) {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.headers().set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        } else if (origin == null && properties.anyOrigin()) {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
