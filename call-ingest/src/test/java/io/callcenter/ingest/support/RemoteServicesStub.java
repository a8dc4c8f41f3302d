package io.callcenter.ingest.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callcenter.model.serde.CallcenterJson;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stand-in for customer-service, the remote HTTP service call-ingest calls, on a random port, answering
 * {@code POST /api/customers/search} with its documented JSON. It also answers agent-directory's
 * {@code GET /api/agents/available} and records every such request, so a test can show call-ingest makes none (the
 * suggested agent comes from the agent events).
 * Behaviour is chosen per phone number so tests do not interfere: {@link #SLOW_PHONE} answers after {@link #SLOW_DELAY_MILLIS},
 * {@link #FAILING_PHONE} with a 500.
 */
public final class RemoteServicesStub implements AutoCloseable {
    public static final String KNOWN_PHONE = "0912345678";
    public static final String SLOW_PHONE = "0900000001";
    public static final String FAILING_PHONE = "0900000002";
    public static final int SUGGESTED_AGENT_ID = 901;
    /** How long the slow phone's search takes: well above any lookup timeout the tests configure. */
    public static final long SLOW_DELAY_MILLIS = 4_000;

    private final HttpServer server;
    private final Map<String, String> customersByPhone = new ConcurrentHashMap<>();
    private final List<JsonNode> searchRequests = new CopyOnWriteArrayList<>();
    private final List<String> agentQueries = new CopyOnWriteArrayList<>();

    public RemoteServicesStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "remote-services-stub");
            thread.setDaemon(true);
            return thread;
        }));
        customersByPhone.put(KNOWN_PHONE, """
                {"id":42,"fullName":"Nguyễn Văn A","phoneNumber":"0912345678","email":"a.nguyen@example.com",\
                "cif":"CIF0042","createdAt":"2025-01-01T00:00:00Z"}""");
        server.createContext("/api/customers/search", this::search);
        server.createContext("/api/agents/available", this::availableAgents);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<JsonNode> searchRequests() {
        return List.copyOf(searchRequests);
    }

    /** The query string of every {@code GET /api/agents/available} (empty when it had none). */
    public List<String> agentQueries() {
        return List.copyOf(agentQueries);
    }

    private void search(HttpExchange exchange) throws IOException {
        JsonNode request = CallcenterJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
        searchRequests.add(request);
        String phone = request.path("phoneNumber").asString("");
        if (SLOW_PHONE.equals(phone)) {
            pause(SLOW_DELAY_MILLIS);
        }
        if (FAILING_PHONE.equals(phone)) {
            respond(exchange, 500, "{\"success\":false,\"error\":{\"code\":\"internal_error\",\"message\":\"boom\"}}");
            return;
        }
        String customer = customersByPhone.get(phone);
        respond(exchange, 200, "{\"success\":true,\"data\":[" + (customer == null ? "" : customer) + "]}");
    }

    private void availableAgents(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        agentQueries.add(query == null ? "" : query);
        respond(exchange, 200, """
                {"success":true,"data":[
                 {"id":901,"userId":9901,"fullName":"Trần Thị B","extension":"1001","status":"available",
                  "statusChangedAt":"2025-09-22T05:40:00Z","currentCallId":null},
                 {"id":902,"userId":9902,"fullName":"Lê Văn C","extension":"1002","status":"available",
                  "statusChangedAt":"2025-09-22T05:45:00Z","currentCallId":null}]}""");
    }

    /** Simulates a slow remote service (server side); not a test wait. */
    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGaveUp) {
            // call-ingest stopped waiting (timeout): expected for the slow phone
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
