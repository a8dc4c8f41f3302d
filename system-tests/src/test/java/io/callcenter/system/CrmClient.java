package io.callcenter.system;

import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A CRM as the guide writes it, with the Java Socket.IO client: connects, joins, and records every event it gets. */
final class CrmClient implements AutoCloseable {
    record Received(String event, JSONObject payload, long atNanos) {
    }

    private final Socket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    CrmClient(URI gateway, boolean websocketOnly) {
        IO.Options options = IO.Options.builder()
                .setTransports(websocketOnly ? new String[]{"websocket"} : new String[]{"polling", "websocket"})
                .setReconnection(true)
                .build();
        socket = IO.socket(gateway, options);
        for (String event : List.of("joined_call_center", "incoming_call_to_crm", "call_answered", "call_ended",
                "agent_status_update", "error")) {
            socket.on(event, args -> received.add(new Received(event,
                    args.length > 0 && args[0] instanceof JSONObject json ? json : new JSONObject(), System.nanoTime())));
        }
        socket.on(Socket.EVENT_CONNECT, args -> socket.emit("join_call_center", new JSONObject()
                .put("userType", "crm_system").put("userId", "system-test")
                .put("clientInfo", new JSONObject().put("platform", "java-test"))));
        socket.connect();
    }

    CrmClient awaitJoined() {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("joined_call_center") > 0);
        return this;
    }

    void emit(String event, JSONObject payload) {
        socket.emit(event, payload);
    }

    long count(String event) {
        return received.stream().filter(r -> r.event().equals(event)).count();
    }

    List<Received> received(String event) {
        return received.stream().filter(r -> r.event().equals(event)).toList();
    }

    JSONObject await(String event, Predicate<JSONObject> matching) {
        await().atMost(Duration.ofSeconds(30)).until(() -> received(event).stream().anyMatch(r ->
                matching.test(r.payload())));
        return received(event).stream().filter(r -> matching.test(r.payload())).findFirst().orElseThrow().payload();
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
