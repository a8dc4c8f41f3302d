package io.callcenter.system;

import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;


/** A CRM as the guide writes it, with the Java Socket.IO client: connects, joins, and records every event it gets. */
final class CrmClient implements AutoCloseable {
    record Received(String event, JSONObject payload, long atNanos) {
    }

    private final Socket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private static final okhttp3.OkHttpClient SHARED_HTTP = sharedHttp();

    /**
     * One OkHttp client for all test CRMs. Its dispatcher must allow one running call per socket: OkHttp 3 keeps a
     * websocket's call running for the socket's lifetime, and the default cap (64) silently stalls the 65th client.
     */
    private static okhttp3.OkHttpClient sharedHttp() {
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequests(10_000);
        dispatcher.setMaxRequestsPerHost(10_000);
        return new okhttp3.OkHttpClient.Builder().dispatcher(dispatcher)
                .readTimeout(java.time.Duration.ofMinutes(1)).build();
    }

    CrmClient(URI gateway, boolean websocketOnly) {
        this(gateway, websocketOnly, null);
    }

    /** {@code token}: the JWT sent as Socket.IO v4 {@code auth: {token}}, or null. */
    CrmClient(URI gateway, boolean websocketOnly, String token) {
        IO.Options options = IO.Options.builder()
                .setTransports(websocketOnly ? new String[]{"websocket"} : new String[]{"polling", "websocket"})
                .setReconnection(true)
                .setReconnectionDelay(200)
                .setReconnectionDelayMax(1_000)
                .setForceNew(true)
                .setAuth(token == null ? java.util.Map.of() : java.util.Map.of("token", token))
                .build();
        options.callFactory = SHARED_HTTP;
        options.webSocketFactory = SHARED_HTTP;
        socket = IO.socket(gateway, options);
        for (String event : List.of("joined_call_center", "incoming_call_to_crm", "call_answered", "call_ended",
                "agent_status_update", "error")) {
            socket.on(event, args -> received.add(new Received(event,
                    args.length > 0 && args[0] instanceof JSONObject json ? json : new JSONObject(), System.nanoTime())));
        }
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> received.add(new Received("connect_error",
                new JSONObject().put("message", args.length > 0 ? String.valueOf(args[0]) : ""), System.nanoTime())));
        socket.on(Socket.EVENT_CONNECT, args -> socket.emit("join_call_center", new JSONObject()
                .put("userType", "crm_system").put("userId", "system-test")
                .put("clientInfo", new JSONObject().put("platform", "java-test"))));
        socket.connect();
    }

    CrmClient awaitJoined() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("joined_call_center") > 0);
        return this;
    }

    void emit(String event, Object payload) {
        socket.emit(event, payload);
    }

    /** Emits with an acknowledgement callback; completes with what the gateway acks. */
    java.util.concurrent.CompletableFuture<JSONObject> emitWithAck(String event, JSONObject payload) {
        java.util.concurrent.CompletableFuture<JSONObject> ack = new java.util.concurrent.CompletableFuture<>();
        socket.emit(event, new Object[]{payload}, args -> ack.complete(
                args.length > 0 && args[0] instanceof JSONObject json ? json : new JSONObject()));
        return ack;
    }

    long count(String event) {
        return received.stream().filter(r -> r.event().equals(event)).count();
    }

    List<Received> received(String event) {
        return received.stream().filter(r -> r.event().equals(event)).toList();
    }

    JSONObject await(String event, Predicate<JSONObject> matching) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received(event).stream().anyMatch(r ->
                matching.test(r.payload())));
        return received(event).stream().filter(r -> matching.test(r.payload())).findFirst().orElseThrow().payload();
    }

    /** Calls this client was told ring since its latest join, minus those it has since seen answered or ended. */
    java.util.Set<String> ringingViewSinceLastJoin() {
        long lastJoin = received.stream().filter(r -> r.event().equals("joined_call_center"))
                .mapToLong(Received::atNanos).max().orElse(Long.MAX_VALUE);
        java.util.Set<String> view = new java.util.HashSet<>();
        for (Received r : received) {
            if (r.atNanos() < lastJoin) {
                continue;
            }
            switch (r.event()) {
                case "incoming_call_to_crm" -> view.add(r.payload().optString("callId"));
                case "call_answered" -> view.remove(r.payload().getJSONObject("call").optString("callId"));
                case "call_ended" -> view.remove(r.payload().optString("callId"));
                default -> { }
            }
        }
        return view;
    }

    /** Every callId this client has ever been told rings. */
    java.util.Set<String> everRinging() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        received("incoming_call_to_crm").forEach(r -> ids.add(r.payload().optString("callId")));
        return ids;
    }

    String socketId() {
        return socket.id();
    }

    Socket socket() {
        return socket;
    }

    boolean connected() {
        return socket.connected();
    }

    @Override
    public void close() {
        socket.disconnect();
        socket.close();
    }
}
