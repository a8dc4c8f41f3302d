package io.callcenter.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The gateway's settings ({@code callcenter.gateway.*}); defaults in {@code application.yml}, repeated here so that a
 * missing entry never yields a null. Environment variables use the spelling of docker-compose.yml: the property name
 * in upper case with every {@code .} and {@code -} turned into {@code _} (Spring's relaxed binding accepts it), e.g.
 * {@code CALLCENTER_GATEWAY_AUTH_JWT_SECRET}.
 * <p>
 * A value that cannot work stops the start with a message naming the property and its environment variable, rather
 * than surfacing later as refused clients or a silent misbehaviour (checked here, in the constructor, because a
 * record bound by Spring is built in one step; {@link #envVar} makes the names).
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
 * @param serveGuideExample serve the guide's page {@code /guide-example.html} as written; it puts customer names into
 *                          {@code innerHTML} (script injection), so the prod profile turns it off
 */
@ConfigurationProperties("callcenter.gateway")
public record GatewayProperties(Integer port, String instanceId, List<String> corsOrigins, Duration replayWindow,
                                Integer maxPayloadBytes, Boolean websocketCompression, Boolean b64Fix,
                                String agentDirectoryUrl, String customerServiceUrl, Duration upstreamTimeout,
                                Duration pingInterval, Duration pingTimeout,
                                Auth auth, Commands commands, SlowClient slowClient, Integer maxQueuedEvents,
                                Boolean serveGuideExample) {
    /** Below this even the guide's {@code join_call_center} (with its userAgent) could be refused. */
    static final int MIN_PAYLOAD_BYTES = 1024;

    public GatewayProperties {
        port = between(port == null ? 8000 : port, 1, 65535, "port");
        instanceId = instanceId == null || instanceId.isBlank() ? defaultInstanceId() : instanceId;
        corsOrigins = corsOrigins == null || corsOrigins.isEmpty() ? List.of("*") : List.copyOf(corsOrigins);
        replayWindow = notNegative(replayWindow == null ? Duration.ofHours(12) : replayWindow, "replay-window");
        maxPayloadBytes = between(maxPayloadBytes == null ? 64 * 1024 : maxPayloadBytes, MIN_PAYLOAD_BYTES,
                Integer.MAX_VALUE, "max-payload-bytes");
        websocketCompression = websocketCompression != null && websocketCompression;
        b64Fix = b64Fix == null || b64Fix;
        agentDirectoryUrl = httpUrl(agentDirectoryUrl == null ? "http://localhost:8082" : agentDirectoryUrl,
                "agent-directory-url");
        customerServiceUrl = httpUrl(customerServiceUrl == null ? "http://localhost:8083" : customerServiceUrl,
                "customer-service-url");
        upstreamTimeout = positive(upstreamTimeout == null ? Duration.ofSeconds(3) : upstreamTimeout,
                "upstream-timeout");
        pingInterval = positive(pingInterval == null ? Duration.ofSeconds(25) : pingInterval, "ping-interval");
        pingTimeout = positive(pingTimeout == null ? Duration.ofSeconds(20) : pingTimeout, "ping-timeout");
        auth = auth == null ? new Auth(false, "") : auth;
        commands = commands == null ? new Commands(null, null) : commands;
        slowClient = slowClient == null ? new SlowClient(null, null, null) : slowClient;
        maxQueuedEvents = between(maxQueuedEvents == null ? 4096 : maxQueuedEvents, 1, Integer.MAX_VALUE,
                "max-queued-events");
        serveGuideExample = serveGuideExample == null || serveGuideExample;
    }

    public boolean anyOrigin() {
        return corsOrigins.contains("*");
    }

    public boolean originAllowed(String origin) {
        return origin == null || anyOrigin() || corsOrigins.contains(origin);
    }

    /**
     * Authentication: an HMAC-signed JWT on sockets ({@code auth.token} or {@code ?token=}) and on {@code /api/**}
     * ({@code Authorization: Bearer} or {@code ?token=}); the prod profile enables it.
     */
    public record Auth(boolean enabled, String jwtSecret) {
        public Auth {
            jwtSecret = jwtSecret == null ? "" : jwtSecret;
            if (enabled && jwtSecret.isBlank()) {
                throw invalid("auth.jwt-secret", "must be set when auth is enabled");
            }
        }
    }

    /**
     * Per-socket rate limit, one token bucket shared by {@code answer_call}, {@code end_call} and
     * {@code join_call_center} (each join resends every ringing call); 0 turns it off. {@code ackTimeout}: how long
     * the ack of {@code answer_call} / {@code end_call} waits for call-ingest's decision before it says
     * {@code timeout} (default 5 s).
     */
    public record Commands(Integer rateLimitPerSecond, Duration ackTimeout) {
        public Commands {
            rateLimitPerSecond = between(rateLimitPerSecond == null ? 20 : rateLimitPerSecond, 0, Integer.MAX_VALUE,
                    "commands.rate-limit-per-second");
            ackTimeout = positive(ackTimeout == null ? Duration.ofSeconds(5) : ackTimeout, "commands.ack-timeout");
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
            maxPendingBytes = between(maxPendingBytes == null ? 1024 * 1024 : maxPendingBytes, 2, Integer.MAX_VALUE,
                    "slow-client.max-pending-bytes");
            maxUnwritable = positive(maxUnwritable == null ? Duration.ofSeconds(5) : maxUnwritable,
                    "slow-client.max-unwritable");
            maxPollingQueue = between(maxPollingQueue == null ? 1000 : maxPollingQueue, 1, Integer.MAX_VALUE,
                    "slow-client.max-polling-queue");
        }
    }

    /** {@code auth.jwt-secret} → {@code CALLCENTER_GATEWAY_AUTH_JWT_SECRET}, as docker-compose.yml spells it. */
    static String envVar(String setting) {
        return ("callcenter.gateway." + setting).replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static IllegalArgumentException invalid(String setting, String problem) {
        return new IllegalArgumentException("callcenter.gateway." + setting + " (" + envVar(setting) + ") " + problem);
    }

    private static int between(int value, int min, int max, String setting) {
        if (value < min || value > max) {
            throw invalid(setting, "must be " + (max == Integer.MAX_VALUE ? "at least " + min
                    : "between " + min + " and " + max) + ", got " + value);
        }
        return value;
    }

    private static Duration positive(Duration value, String setting) {
        if (value.isNegative() || value.isZero()) {
            throw invalid(setting, "must be longer than zero, got " + value);
        }
        return value;
    }

    private static Duration notNegative(Duration value, String setting) {
        if (value.isNegative()) {
            throw invalid(setting, "must not be negative, got " + value);
        }
        return value;
    }

    private static String httpUrl(String value, String setting) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw invalid(setting, "must be an http(s) URL such as http://host:8082, got '" + value + "'");
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
