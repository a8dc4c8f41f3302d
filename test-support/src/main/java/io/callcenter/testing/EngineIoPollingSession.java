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
        return open(gateway, "");
    }

    /** The handshake with more query parameters, e.g. {@code &token=...}. */
    public static EngineIoPollingSession open(URI gateway, String extraQuery) throws Exception {
        String handshake = send(HttpRequest.newBuilder(URI.create(uri(gateway, null) + extraQuery)).GET()).body();
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

    /** The Engine.IO session id. */
    public String sid() {
        return sid;
    }

    /**
     * Polls until the gateway ends the session (a poll answered with another status than 200: netty-socketio answers
     * 400 for an unknown session) or {@code maxPolls} polls were answered; every 200 body, in order. The caller checks
     * whether the last answer was the end.
     */
    public java.util.List<HttpResponse<String>> pollUntilEnded(int maxPolls) throws Exception {
        java.util.List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < maxPolls; i++) {
            HttpResponse<String> answer = poll();
            answers.add(answer);
            if (answer.statusCode() != 200) {
                break;
            }
        }
        return answers;
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
