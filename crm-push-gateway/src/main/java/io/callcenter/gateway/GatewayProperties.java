package io.callcenter.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The gateway's settings ({@code callcenter.gateway.*}, env {@code CALLCENTER_GATEWAY_*}); defaults in
 * {@code application.yml}, repeated here so that a missing entry never yields a null.
 *
 * @param port              Socket.IO and REST port (the guide's 8000)
 * @param instanceId        this instance's id in {@code requestedBy}; default host name plus a short random suffix
 * @param corsOrigins       allowed browser origins, {@code *} for any
 * @param replayWindow      how far back call-events are replayed at start to rebuild the ringing/connected calls
 * @param maxPayloadBytes   largest websocket frame / HTTP body accepted
 * @param pingInterval      Engine.IO ping interval; a client silent for interval + timeout is dropped (Socket.IO v4
 *                          defaults: 25 s and 20 s)
 * @param maxQueuedEvents   events waiting in the event loops' write queues (summed over the loops) above which the
 *                          Kafka consumer stops polling until the loops catch up: the backlog stays in Kafka
 * @param b64Fix            drop {@code b64} from Engine.IO v4 polling requests (see socket.B64QueryFix); off only in
 *                          the test that shows why it exists
 */
@ConfigurationProperties("callcenter.gateway")
public record GatewayProperties(Integer port, String instanceId, List<String> corsOrigins, Duration replayWindow,
                                Integer maxPayloadBytes, Boolean websocketCompression, Boolean b64Fix,
                                String agentDirectoryUrl, String customerServiceUrl, Duration upstreamTimeout,
                                Duration pingInterval, Duration pingTimeout,
                                Auth auth, Commands commands, SlowClient slowClient, Integer maxQueuedEvents) {

    public GatewayProperties {
        port = port == null ? 8000 : port;
        instanceId = instanceId == null || instanceId.isBlank() ? defaultInstanceId() : instanceId;
        corsOrigins = corsOrigins == null || corsOrigins.isEmpty() ? List.of("*") : List.copyOf(corsOrigins);
        replayWindow = replayWindow == null ? Duration.ofHours(12) : replayWindow;
        maxPayloadBytes = maxPayloadBytes == null ? 64 * 1024 : maxPayloadBytes;
        websocketCompression = websocketCompression != null && websocketCompression;
        b64Fix = b64Fix == null || b64Fix;
        agentDirectoryUrl = agentDirectoryUrl == null ? "http://localhost:8082" : agentDirectoryUrl;
        customerServiceUrl = customerServiceUrl == null ? "http://localhost:8083" : customerServiceUrl;
        upstreamTimeout = upstreamTimeout == null ? Duration.ofSeconds(3) : upstreamTimeout;
        pingInterval = pingInterval == null ? Duration.ofSeconds(25) : pingInterval;
        pingTimeout = pingTimeout == null ? Duration.ofSeconds(20) : pingTimeout;
        auth = auth == null ? new Auth(false, "") : auth;
        commands = commands == null ? new Commands(20) : commands;
        slowClient = slowClient == null ? new SlowClient(null, null, null) : slowClient;
        maxQueuedEvents = maxQueuedEvents == null ? 4096 : maxQueuedEvents;
        if (maxQueuedEvents < 1) {
            throw new IllegalArgumentException(
                    "callcenter.gateway.max-queued-events (CALLCENTER_GATEWAY_MAXQUEUEDEVENTS) must be at least 1, got "
                            + maxQueuedEvents);
        }
    }

    public boolean anyOrigin() {
        return corsOrigins.contains("*");
    }

    public boolean originAllowed(String origin) {
        return origin == null || anyOrigin() || corsOrigins.contains(origin);
    }

    /** Socket authentication: HMAC-signed JWT ({@code auth.token} or {@code ?token=}); the prod profile enables it. */
    public record Auth(boolean enabled, String jwtSecret) {
        public Auth {
            jwtSecret = jwtSecret == null ? "" : jwtSecret;
            if (enabled && jwtSecret.isBlank()) {
                throw new IllegalArgumentException(
                        "callcenter.gateway.auth.jwt-secret (CALLCENTER_GATEWAY_AUTH_JWTSECRET) must be set when auth is enabled");
            }
        }
    }

    /** Per-socket command rate limit ({@code answer_call}, {@code end_call}). */
    public record Commands(Integer rateLimitPerSecond) {
        public Commands {
            rateLimitPerSecond = rateLimitPerSecond == null ? 20 : rateLimitPerSecond;
        }
    }

    /**
     * Output cap per client: a websocket channel turns unwritable above {@code maxPendingBytes} queued; events for it
     * are skipped meanwhile, and a client unwritable for longer than {@code maxUnwritable} is disconnected (its CRM
     * reconnects and resyncs through the join). A polling client with more than {@code maxPollingQueue} undelivered
     * packets is disconnected.
     */
    public record SlowClient(Integer maxPendingBytes, Duration maxUnwritable, Integer maxPollingQueue) {
        public SlowClient {
            maxPendingBytes = maxPendingBytes == null ? 1024 * 1024 : maxPendingBytes;
            maxUnwritable = maxUnwritable == null ? Duration.ofSeconds(5) : maxUnwritable;
            maxPollingQueue = maxPollingQueue == null ? 1000 : maxPollingQueue;
        }
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "gateway";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
