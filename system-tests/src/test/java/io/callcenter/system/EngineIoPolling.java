package io.callcenter.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Engine.IO v4 long-polling spoken by hand, to send the gateway bytes that no Socket.IO client library would (invalid
 * UTF-8, truncated packets). Only what the hostile-input test needs: open, connect, join, post, close.
 */
final class EngineIoPolling {
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
    private final URI gateway;

    EngineIoPolling(URI gateway) {
        this.gateway = gateway;
    }

    /** A polling session connected to the default namespace and joined as a CRM. */
    Session openJoined() throws Exception {
        String handshake = get(uri(null)).body();
        Matcher sid = SID.matcher(handshake);
        assertThat(sid.find()).as("Engine.IO handshake: %s", handshake).isTrue();
        Session session = new Session(sid.group(1));
        assertThat(session.post("40".getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
        assertThat(get(uri(session.sid)).body()).as("namespace connect").startsWith("40");
        assertThat(session.post("42[\"join_call_center\",{\"userType\":\"crm_system\"}]"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
        return session;
    }

    /** A client per request: the gateway may close a polling connection after answering, and a pooled one breaks. */
    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private URI uri(String sid) {
        return gateway.resolve("/socket.io/?EIO=4&transport=polling" + (sid == null ? "" : "&sid=" + sid));
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return client().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    final class Session {
        private final String sid;

        private Session(String sid) {
            this.sid = sid;
        }

        int post(byte[] packet) throws Exception {
            return client().send(HttpRequest.newBuilder(uri(sid)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "text/plain;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(packet)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        /** Engine.IO close packet; the session may already be gone, which is fine. */
        void close() throws Exception {
            post("1".getBytes(StandardCharsets.UTF_8));
        }
    }
}
