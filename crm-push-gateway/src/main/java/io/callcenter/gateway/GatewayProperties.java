package io.callcenter.gateway;

import io.callcenter.model.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
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
 * @param recoveryWindow    a joining CRM is first told every call answered or ended this far back (its latest
 *                          {@code call_answered} / {@code call_ended}), so one that was disconnected drops the calls
 *                          that stopped ringing meanwhile; covers call-ingest's ring timeout (45 s) plus a margin;
 *                          0 turns it off; cut to {@code replayWindow} when longer (rebuilt from the same replay)
 * @param drainTimeout      bound of the graceful stop (SIGTERM): not ready, no new connections, queued events
 *                          flushed, every socket closed at the Engine.IO level (its client reconnects at once,
 *                          elsewhere behind the edge), then exit; what is left after this is dropped
 * @param maxPayloadBytes   largest websocket frame / HTTP body accepted
 * @param pingInterval      Engine.IO ping interval; a client silent for interval + timeout is dropped (Socket.IO v4
 *                          defaults: 25 s and 20 s)
 * @param maxQueuedEvents   events waiting in the event loops' write queues (summed over the loops) above which the
 *                          Kafka consumer stops polling until the loops catch up: the backlog stays in Kafka
 * @param b64Fix            drop {@code b64} from Engine.IO v4 polling requests (see socket.B64QueryFix); off only in
 *                          the test that shows why it exists
 * @param serveGuideExample serve the guide's page {@code /guide-example.html} as written; it puts customer names into
 *                          {@code innerHTML} (script injection), so the prod profile turns it off
 * @param callEventsTopic   the call-events topic the fan-out reads: {@code callcenter.call-events.v2} (domain data;
 *                          the gateway words the guide's payloads), or {@code callcenter.call-events.v1} for a gateway
 *                          rolled out before call-ingest writes v2 (README, "call-events v2")
 */
@ConfigurationProperties("callcenter.gateway")
public record GatewayProperties(Integer port, String instanceId, List<String> corsOrigins, Duration replayWindow,
                                Integer maxPayloadBytes, Boolean websocketCompression, Boolean b64Fix,
                                String agentDirectoryUrl, String customerServiceUrl, Duration upstreamTimeout,
                                Duration pingInterval, Duration pingTimeout,
                                Auth auth, Commands commands, SlowClient slowClient, Integer maxQueuedEvents,
                                Boolean serveGuideExample, Duration recoveryWindow, Duration drainTimeout,
                                StateRecovery stateRecovery, String callEventsTopic) {
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
        auth = auth == null ? Auth.off() : auth;
        commands = commands == null ? new Commands(null, null) : commands;
        slowClient = slowClient == null ? new SlowClient(null, null, null) : slowClient;
        maxQueuedEvents = between(maxQueuedEvents == null ? 4096 : maxQueuedEvents, 1, Integer.MAX_VALUE,
                "max-queued-events");
        serveGuideExample = serveGuideExample == null || serveGuideExample;
        recoveryWindow = notNegative(recoveryWindow == null ? Duration.ofMinutes(2) : recoveryWindow,
                "recovery-window");
        // rebuilt at start from the replay of call-events: never more than that replay covers
        recoveryWindow = recoveryWindow.compareTo(replayWindow) > 0 ? replayWindow : recoveryWindow;
        drainTimeout = positive(drainTimeout == null ? Duration.ofSeconds(5) : drainTimeout, "drain-timeout");
        stateRecovery = stateRecovery == null ? new StateRecovery(null, null, null) : stateRecovery;
        callEventsTopic = callEventsTopic == null || callEventsTopic.isBlank() ? Topics.CALL_EVENTS_V2
                : callEventsTopic.trim();
        if (!callEventsTopic.equals(Topics.CALL_EVENTS_V2) && !callEventsTopic.equals(Topics.CALL_EVENTS)) {
            throw invalid("call-events-topic", "must be " + Topics.CALL_EVENTS_V2 + " or " + Topics.CALL_EVENTS
                    + ", got '" + callEventsTopic + "'");
        }
    }

    public boolean anyOrigin() {
        return corsOrigins.contains("*");
    }

    public boolean originAllowed(String origin) {
        return origin == null || anyOrigin() || corsOrigins.contains(origin);
    }

    /**
     * Authentication (the prod profile enables it): a JWT on sockets (Socket.IO {@code auth: {token}} or the
     * handshake's {@code ?token=}) and on {@code /api/**} ({@code Authorization: Bearer} or {@code ?token=}), verified
     * by {@link io.callcenter.gateway.auth.TokenVerifier}.
     *
     * @param jwtSecret      HS256 key: its UTF-8 bytes, at least 32 (256 bits); empty when only a JWK set is used
     * @param jwkSetUri      the identity provider's JWK set (RS256, ES256), e.g. Keycloak's
     *                       {@code .../protocol/openid-connect/certs}; empty for none
     * @param issuer         the {@code iss} every token must carry; empty: not checked
     * @param audience       a value the token's {@code aud} must contain; empty: not checked
     * @param clockSkew      allowed difference between the issuer's clock and ours on {@code exp} and {@code nbf}
     * @param connectTimeout how long an Engine.IO session may stay without a completed namespace connect before it is
     *                       closed (applies with auth off too)
     */
    public record Auth(boolean enabled, String jwtSecret, String jwkSetUri, String issuer, String audience,
                       Duration clockSkew, Duration connectTimeout) {
        /** Shortest HS256 secret accepted: 256 bits, as RFC 7518 section 3.2 requires of an HS256 key. */
        public static final int MIN_SECRET_BYTES = 32;

        public Auth {
            jwtSecret = jwtSecret == null ? "" : jwtSecret;
            jwkSetUri = jwkSetUri == null ? "" : jwkSetUri.trim();
            issuer = issuer == null ? "" : issuer.trim();
            audience = audience == null ? "" : audience.trim();
            clockSkew = notNegative(clockSkew == null ? Duration.ofSeconds(30) : clockSkew, "auth.clock-skew");
            connectTimeout = positive(connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout,
                    "auth.connect-timeout");
            if (enabled && jwtSecret.isEmpty() && jwkSetUri.isEmpty()) {
                throw invalid("auth.jwt-secret", "or callcenter.gateway.auth.jwk-set-uri ("
                        + envVar("auth.jwk-set-uri") + ") must be set when auth is enabled");
            }
            int secretBytes = jwtSecret.getBytes(StandardCharsets.UTF_8).length;
            if (enabled && !jwtSecret.isEmpty() && secretBytes < MIN_SECRET_BYTES) {
                throw invalid("auth.jwt-secret", "must be at least " + MIN_SECRET_BYTES
                        + " bytes (256 bits) of UTF-8 for HS256, got " + secretBytes + "; e.g. openssl rand -base64 48");
            }
            if (enabled && !jwkSetUri.isEmpty()) {
                httpUrl(jwkSetUri, "auth.jwk-set-uri");
            }
        }

        /** Off, with every other setting at its default. */
        public static Auth off() {
            return new Auth(false, null, null, null, null, null, null);
        }
    }

    /**
     * Socket.IO connection-state recovery (socket.io-client 4.6+), for sockets that ask for it: a CONNECT with
     * {@code auth.recovery: true}, or the {@code pid} of an earlier socket. Such a socket gets a private id
     * ({@code pid}) and every broadcast with an offset as its last argument; reconnecting within
     * {@code maxDisconnection} to the same gateway process, with its pid, last offset and a token of the same subject,
     * it is sent exactly the broadcasts it missed and is joined again, with no join replay.
     *
     * @param enabled          off: no pid is ever issued and nothing carries offsets
     * @param maxDisconnection how long a disconnected socket can still be recovered (socket.io's default: 2 min)
     * @param maxEvents        broadcasts kept for recovery; a client that missed more resyncs through its join
     */
    public record StateRecovery(Boolean enabled, Duration maxDisconnection, Integer maxEvents) {
        public StateRecovery {
            enabled = enabled == null || enabled;
            maxDisconnection = positive(maxDisconnection == null ? Duration.ofMinutes(2) : maxDisconnection,
                    "state-recovery.max-disconnection");
            maxEvents = between(maxEvents == null ? 10_000 : maxEvents, 1, 1_000_000, "state-recovery.max-events");
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
