package io.callcenter.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * An Engine.IO websocket spoken by hand (the JDK's websocket client): every text frame the gateway sends is kept in
 * order, and any string can be sent as a frame, including what no Socket.IO client would send.
 */
final class RawWebsocketSession implements AutoCloseable {
    private final WebSocket socket;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private RawWebsocketSession(URI uri) throws Exception {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            received.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed = true;
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed = true;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /** A new Engine.IO v4 session over websocket only ({@code sid} null), or the upgrade of a polling session. */
    static RawWebsocketSession open(String gatewayUrl, String sid) throws Exception {
        return new RawWebsocketSession(URI.create(gatewayUrl.replaceFirst("^http", "ws")
                + "/socket.io/?EIO=4&transport=websocket" + (sid == null ? "" : "&sid=" + sid)));
    }

    /** Sends one text frame; false when the gateway has already closed the connection (a refused session). */
    boolean send(String frame) {
        try {
            socket.sendText(frame, true).join();
            return true;
        } catch (java.util.concurrent.CompletionException closed) {
            this.closed = true;
            return false;
        }
    }

    List<String> received() {
        return List.copyOf(received);
    }

    boolean closed() {
        return closed;
    }

    RawWebsocketSession awaitReceived(int frames) {
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= frames);
        return this;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
