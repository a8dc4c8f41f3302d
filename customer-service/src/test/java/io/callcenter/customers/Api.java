package io.callcenter.customers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A plain HTTP client for the service under test: real requests, UTF-8 bodies, JSON read back. */
final class Api {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String base;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Reply(int status, JsonNode body, String raw) {
        JsonNode data() {
            return body.get("data");
        }

        String errorMessage() {
            return body.path("error").path("message").asString();
        }

        String errorCode() {
            return body.path("error").path("code").asString();
        }
    }

    HttpResponse<String> raw(String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path, Object body) {
        return sendJson("POST", path, body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    Reply put(String path, Object body) {
        return sendJson("PUT", path, body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    Reply postCsv(String path, String csv) {
        return postCsv(path, csv, "text/csv; charset=UTF-8");
    }

    Reply postCsv(String path, String csv, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
    }

    /** Creates a customer and returns its JSON; fails the test if the service refuses it. */
    JsonNode create(String fullName, String phoneNumber, String email, String cif) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("fullName", fullName);
        body.put("phoneNumber", phoneNumber);
        body.put("email", email);
        body.put("cif", cif);
        Reply reply = post("/api/customers", body);
        if (reply.status() != 201) {
            throw new AssertionError("create failed: " + reply.status() + " " + reply.raw());
        }
        return reply.data();
    }

    Reply search(String phoneNumber, boolean exact) {
        return post("/api/customers/search", Map.of("phoneNumber", phoneNumber, "exactMatch", exact));
    }

    static List<Long> ids(JsonNode array) {
        return array.valueStream().map(n -> n.get("id").asLong()).toList();
    }

    private Reply sendJson(String method, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String raw = response.body();
            JsonNode body = raw == null || raw.isBlank() ? JSON.nullNode() : JSON.readTree(raw);
            return new Reply(response.statusCode(), body, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
