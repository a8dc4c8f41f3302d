package io.callcenter.testing;

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
 * One Engine.IO v4 long-polling session spoken by hand, for what no Socket.IO client library does: send bytes no
 * client would (invalid UTF-8, truncated packets), or join and then never poll again (a frozen tab). Open, join as a
 * CRM, post raw packets, poll once, close.
 */
public final class EngineIoPollingSession implements AutoCloseable {
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
    private final URI gateway;
    private final String sid;

    private EngineIoPollingSession(URI gateway, String sid) {
        this.gateway = gateway;
        this.sid = sid;
    }

    /** The Engine.IO handshake: a new session, not yet connected to a namespace. */
    public static EngineIoPollingSession open(URI gateway) throws Exception {
        String handshake = send(HttpRequest.newBuilder(uri(gateway, null)).GET()).body();
        Matcher sid = SID.matcher(handshake);
        assertThat(sid.find()).as("Engine.IO handshake: %s", handshake).isTrue();
        return new EngineIoPollingSession(gateway, sid.group(1));
    }

    /** Connects the default namespace, then emits {@code join_call_center}; the joined answer is left unread. */
    public EngineIoPollingSession join() throws Exception {
        assertThat(post("40".getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
        assertThat(poll().body()).as("namespace connect").startsWith("40");
        assertThat(post("42[\"join_call_center\",{\"userType\":\"crm_system\"}]".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(200);
        return this;
    }

    /** Posts one raw packet; the HTTP status. */
    public int post(byte[] packet) throws Exception {
        return send(HttpRequest.newBuilder(uri(gateway, sid))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(packet))).statusCode();
    }

    /** One poll: the HTTP status and what the gateway queued for this session meanwhile. */
    public HttpResponse<String> poll() throws Exception {
        return send(HttpRequest.newBuilder(uri(gateway, sid)).GET());
    }

    /** Engine.IO close; the session may already be gone, which is fine. */
    @Override
    public void close() {
        try {
            post("1".getBytes(StandardCharsets.UTF_8));
        } catch (Exception alreadyGone) {
            // nothing to close
        }
    }

    private static URI uri(URI gateway, String sid) {
        return gateway.resolve("/socket.io/?EIO=4&transport=polling" + (sid == null ? "" : "&sid=" + sid));
    }

    /** A client per request: the gateway may close a polling connection after answering, and a pooled one breaks. */
    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
