package io.callcenter.gateway;

import io.callcenter.model.serde.CallcenterJson;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONArray;
import org.json.JSONObject;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** The Java client {@code io.socket:socket.io-client} 2.1.x recording every event it receives. */
public final class JavaCrmClient implements AutoCloseable {
    /** Upper bound for anything to arrive; generous because the build machine can be heavily loaded. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Socket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> connectErrors = new CopyOnWriteArrayList<>();
    private final List<String> disconnects = new CopyOnWriteArrayList<>();
    private final List<String> transportErrors = new CopyOnWriteArrayList<>();

    private final okhttp3.OkHttpClient http;
    /** The Engine.IO life of the connection (transports, upgrade, packets in and out), for failure messages. */
    private final EngineTimeline timeline = new EngineTimeline();
    private volatile String lastSocketId;

    private JavaCrmClient(String url, Consumer<IO.Options> customize) {
        // an OkHttpClient per test client: the library's shared default allows 5 requests per host, and pending
        // long-poll requests of other clients would queue this one's handshake until it times out
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequestsPerHost(64);
        http = new okhttp3.OkHttpClient.Builder().dispatcher(dispatcher)
                .readTimeout(java.time.Duration.ofMinutes(1)).build();
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.timeout = TIMEOUT.toMillis();
        options.callFactory = http;
        options.webSocketFactory = http;
        customize.accept(options);
        socket = IO.socket(URI.create(url), options);
        socket.onAnyIncoming(args -> received.add(new Received((String) args[0],
                args.length > 1 ? toJson(args[1]) : null)));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> connectErrors.add(args.length > 0 ? describe(args[0]) : ""));
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnects.add(args.length > 0 ? String.valueOf(args[0]) : ""));
        socket.on(Socket.EVENT_CONNECT, args -> lastSocketId = socket.id());
        timeline.follow(socket.io());
        socket.io().on(io.socket.client.Manager.EVENT_ERROR, args -> transportErrors.add(args.length > 0
                ? describe(args[0]) + (args[0] instanceof Throwable t && t.getCause() != null
                ? " caused by " + t.getCause() : "") : ""));
        socket.connect();
    }

    /** Default transports: polling first, then the upgrade to websocket. */
    public static JavaCrmClient connect(String url) {
        return new JavaCrmClient(url, options -> { });
    }

    public static JavaCrmClient connect(String url, Consumer<IO.Options> customize) {
        return new JavaCrmClient(url, customize);
    }

    public static JavaCrmClient websocketOnly(String url) {
        return new JavaCrmClient(url, options -> options.transports = new String[]{"websocket"});
    }

    public static JavaCrmClient pollingOnly(String url) {
        return new JavaCrmClient(url, options -> options.transports = new String[]{"polling"});
    }

    public JavaCrmClient awaitConnected() {
        await().atMost(TIMEOUT).until(() -> socket.connected() || !connectErrors.isEmpty());
        if (!socket.connected()) {
            throw new AssertionError("not connected: " + connectErrors + "; transport errors " + transportErrors
                    + "; disconnects " + disconnects);
        }
        return this;
    }

    public String id() {
        return socket.id();
    }

    public boolean connected() {
        return socket.connected();
    }

    public List<String> connectErrors() {
        return List.copyOf(connectErrors);
    }

    /** The reasons of {@code disconnect} events, e.g. {@code transport close}. */
    public List<String> disconnects() {
        return List.copyOf(disconnects);
    }

    /** Errors the Manager reported (transport failures), with their causes. */
    public List<String> transportErrors() {
        return List.copyOf(transportErrors);
    }

    /** Emits the guide's {@code join_call_center} and waits for {@code joined_call_center}. */
    public JsonNode join() {
        int before = named("joined_call_center").size();
        emit("join_call_center", "{\"userType\":\"crm_system\",\"userId\":\"crm_java_test\","
                + "\"clientInfo\":{\"platform\":\"java\",\"version\":\"1.0.0\"}}");
        awaitUntil("joined_call_center", () -> named("joined_call_center").size() > before);
        List<Received> joined = named("joined_call_center");
        return joined.get(joined.size() - 1).data();
    }

    /** Emits an event whose argument is the given JSON text (object, array, string, number...). */
    public void emit(String event, String jsonArgument) {
        socket.emit(event, toSocketValue(jsonArgument));
    }

    public void emitNoArgs(String event) {
        socket.emit(event);
    }

    /** Emits with an acknowledgement callback; completes with the ack's first argument. */
    public CompletableFuture<JsonNode> emitWithAck(String event, String jsonArgument) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        socket.emit(event, new Object[]{toSocketValue(jsonArgument)},
                args -> reply.complete(args.length > 0 ? toJson(args[0]) : null));
        return reply;
    }

    public JsonNode awaitEvent(String name, Predicate<JsonNode> matching) {
        awaitUntil(name, () -> named(name).stream().anyMatch(r -> matching.test(r.data())));
        return named(name).stream().filter(r -> matching.test(r.data())).findFirst().orElseThrow().data();
    }

    /**
     * Waits for the condition; on a timeout the failure tells what this client received and what the gateway
     * it is connected to (when it runs in this JVM) knows of its socket, and where the gateways' threads are.
     */
    private void awaitUntil(String what, Callable<Boolean> condition) {
        try {
            await().atMost(TIMEOUT).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + TIMEOUT + " for " + diagnosis(), e);
        }
    }

    String diagnosis() {
        List<Received> all = received();
        String id = lastSocketId;
        return "socket " + id + (socket.connected() ? " (connected)" : " (not connected)")
                + "; last received " + all.subList(Math.max(0, all.size() - 10), all.size()).stream()
                .map(Received::name).toList() + " of " + all.size() + "; disconnects " + disconnects
                + "; transport errors " + transportErrors + "; server side: " + GatewayInstance.describeSocket(id)
                + "; Engine.IO timeline:\n" + timeline + "\ngateway threads:\n" + ThreadsOnGatewayCode.dump();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> named(String name) {
        return received.stream().filter(r -> r.name().equals(name)).toList();
    }

    @Override
    public void close() {
        socket.disconnect();
        socket.close();
        // the OkHttp threads end by themselves once idle; stopping them here could drop the pending disconnect
    }

    private static Object toSocketValue(String json) {
        String trimmed = json.trim();
        try {
            if (trimmed.startsWith("{")) {
                return new JSONObject(trimmed);
            }
            if (trimmed.startsWith("[")) {
                return new JSONArray(trimmed);
            }
        } catch (org.json.JSONException e) {
            throw new IllegalArgumentException(e);
        }
        if (trimmed.startsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        if (trimmed.equals("true") || trimmed.equals("false")) {
            return Boolean.valueOf(trimmed);
        }
        if (trimmed.equals("null")) {
            return JSONObject.NULL;
        }
        return trimmed.contains(".") ? (Object) Double.valueOf(trimmed) : (Object) Long.valueOf(trimmed);
    }

    static JsonNode toJson(Object value) {
        if (value == null || value == JSONObject.NULL) {
            return CallcenterJson.mapper().nullNode();
        }
        if (value instanceof JSONObject || value instanceof JSONArray) {
            return CallcenterJson.mapper().readTree(value.toString());
        }
        return CallcenterJson.mapper().valueToTree(value);
    }

    private static String describe(Object error) {
        if (error instanceof JSONObject json) {
            return json.optString("message", String.valueOf(json));
        }
        return error instanceof Throwable t ? String.valueOf(t.getMessage()) : String.valueOf(error);
    }
}
