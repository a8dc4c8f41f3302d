package io.callcenter.gateway.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Forwards a REST call to agent-directory or customer-service and hands back status and body as they are (both
 * already answer in the {@code {success, data}} envelope). A connection failure or timeout completes exceptionally,
 * for the caller to answer 503.
 */
public final class UpstreamProxy {
    private final HttpClient client;
    private final Duration timeout;

    public UpstreamProxy(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public record Reply(int status, byte[] body) {
    }

    public CompletableFuture<Reply> get(URI url) {
        return send(HttpRequest.newBuilder(url).GET());
    }

    public CompletableFuture<Reply> postJson(String url, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private CompletableFuture<Reply> send(HttpRequest.Builder request) {
        return client.sendAsync(request.timeout(timeout).header("Accept", "application/json").build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new Reply(response.statusCode(), response.body()));
    }
}
