package io.callcenter.ingest.support;

import io.callcenter.model.serde.CallcenterJson;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Real HTTP calls to call-ingest's VoiceBot API, with raw bodies so tests can send anything. */
public final class VoiceBotClient {
    // generous: the shared test machine can be very loaded; HTTP/1.1 as the VoiceBot speaks it
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private final String baseUrl;
    private final String apiKey;

    public VoiceBotClient(int port, String apiKey) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.apiKey = apiKey;
    }

    public VoiceBotClient(int port) {
        this(port, null);
    }

    public VoiceBotClient withApiKey(String key) {
        return new VoiceBotClient(Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1)), key);
    }

    public Response post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json"));
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response startCall(String callId, String callerNumber) {
        return post("/api/v1/calls", """
                {"callId":"%s","callerNumber":"%s","calledNumber":"1900","source":"softphone"}"""
                .formatted(callId, callerNumber));
    }

    public Response endCall(String callId, String endReason) {
        return post("/api/v1/calls/" + callId + "/end", "{\"endReason\":\"" + endReason + "\"}");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            builder.header("X-Api-Key", apiKey);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            return CallcenterJson.mapper().readTree(body);
        }

        public JsonNode data() {
            return json().path("data");
        }

        public JsonNode error() {
            return json().path("error");
        }
    }
}
