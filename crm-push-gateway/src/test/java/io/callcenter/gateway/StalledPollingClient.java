package io.callcenter.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CRM on long-polling whose tab froze: Engine.IO v4 polling spoken by hand (the idea of system-tests'
 * EngineIoPolling) that opens a session, connects the default namespace, joins the call center and then never GETs
 * again, so whatever the gateway sends it piles up in the session's packet queue.
 */
final class StalledPollingClient implements AutoCloseable {
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
    private final URI gateway;
    private final String sid;

    StalledPollingClient(String gatewayUrl) throws Exception {
        this.gateway = URI.create(gatewayUrl);
        String handshake = get();
        Matcher matcher = SID.matcher(handshake);
        if (!matcher.find()) {
            throw new IllegalStateException("no sid in Engine.IO handshake: " + handshake);
        }
        this.sid = matcher.group(1);
    }

    /** Connects the default namespace, then emits {@code join_call_center}; its answer is never read. */
    void join() throws Exception {
        post("40");
        String connected = get();
        if (!connected.startsWith("40")) {
            throw new IllegalStateException("namespace connect: " + connected);
        }
        post("42[\"join_call_center\",{\"userType\":\"crm_system\",\"userId\":\"frozen_polling_tab\"}]");
    }

    /** One poll at last: the HTTP status and what the gateway queued for this session meanwhile. */
    HttpResponse<String> poll() throws Exception {
        return client().send(HttpRequest.newBuilder(uri()).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Engine.IO close; the session may already be gone, which is fine. */
    @Override
    public void close() {
        try {
            post("1");
        } catch (Exception alreadyGone) {
            // nothing to close
        }
    }

    private URI uri() {
        return gateway.resolve("/socket.io/?EIO=4&transport=polling" + (sid == null ? "" : "&sid=" + sid));
    }

    /** A client per request: the gateway may close a polling connection after answering, and a pooled one breaks. */
    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private String get() throws Exception {
        return client().send(HttpRequest.newBuilder(uri()).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void post(String packet) throws Exception {
        int status = client().send(HttpRequest.newBuilder(uri()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(packet, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("POST " + packet + ": HTTP " + status);
        }
    }
}
