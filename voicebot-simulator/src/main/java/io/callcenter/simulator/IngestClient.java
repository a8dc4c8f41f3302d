package io.callcenter.simulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** call-ingest's VoiceBot API, as the VoiceBot calls it. */
public final class IngestClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final String apiKey;

    public IngestClient(URI baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** The outcome of one request: HTTP status and parsed body. */
    public record Response(int status, JsonNode body) {
        public boolean accepted() {
            return status == 200 || status == 202;
        }
    }

    public CompletableFuture<Response> startCall(String callId, String callerNumber, String calledNumber) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callId", callId);
        body.put("callerNumber", callerNumber);
        body.put("calledNumber", calledNumber);
        body.put("source", "softphone");
        return post("/api/v1/calls", body);
    }

    public CompletableFuture<Response> endCall(String callId, String endReason) {
        return post("/api/v1/calls/" + callId + "/end", Map.of("endReason", endReason));
    }

    private CompletableFuture<Response> post(String path, Map<String, Object> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("X-Api-Key", apiKey);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Response(r.statusCode(), parse(r.body())));
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }
}
