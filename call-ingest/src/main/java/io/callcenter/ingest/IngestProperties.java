package io.callcenter.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * call-ingest's settings ({@code callcenter.ingest.*}); defaults live in {@code application.yml}.
 *
 * @param customerServiceUrl  base URL of customer-service (caller lookup)
 * @param lookupTimeout       the most the customer lookup may take before the call rings without the customer
 * @param ringTimeout         a call ringing longer than this ends with {@code no_answer}
 * @param maxCallDuration     a call connected longer than this ends with {@code max_duration}, freeing its agent
 * @param apiKey              required value of {@code X-Api-Key} on the VoiceBot API; blank turns the check off
 * @param instanceId          this instance's name in {@code requestedBy}; blank means the host name
 * @param stateDir            Kafka Streams state directory, one per instance; blank means
 *                            {@code ${java.io.tmpdir}/call-ingest/<instanceId>}
 * @param endedCallRetention  how long an ended call stays in the store so late commands get {@code call_ended}
 * @param confirmTimeout      how long {@code POST /api/v1/calls} waits for its incoming-call event to be committed
 * @param advertisedAddress   {@code host:port} where the other instances reach this one's API (Kafka Streams'
 *                            {@code application.server}): requests for calls another instance owns are forwarded
 */
@ConfigurationProperties("callcenter.ingest")
public record IngestProperties(URI customerServiceUrl, Duration lookupTimeout,
                               Duration ringTimeout, String apiKey, String instanceId, Path stateDir,
                               Duration endedCallRetention, Duration confirmTimeout, String advertisedAddress,
                               Duration maxCallDuration) {

    public IngestProperties {
        Objects.requireNonNull(customerServiceUrl, "callcenter.ingest.customer-service-url is required");
        lookupTimeout = positive(lookupTimeout, Duration.ofMillis(300), "lookup-timeout");
        ringTimeout = positive(ringTimeout, Duration.ofSeconds(45), "ring-timeout");
        maxCallDuration = positive(maxCallDuration, Duration.ofHours(4), "max-call-duration");
        endedCallRetention = positive(endedCallRetention, Duration.ofHours(1), "ended-call-retention");
        confirmTimeout = positive(confirmTimeout, Duration.ofSeconds(10), "confirm-timeout");
        apiKey = apiKey == null ? "" : apiKey.trim();
        advertisedAddress = advertisedAddress == null || advertisedAddress.isBlank()
                ? "localhost:8081" : advertisedAddress.trim();
        if (!advertisedAddress.matches("[^:\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("callcenter.ingest.advertised-address must be host:port, was "
                    + advertisedAddress);
        }
        instanceId = instanceId == null || instanceId.isBlank() ? hostName() : instanceId.trim();
        stateDir = stateDir == null || stateDir.toString().isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "call-ingest", instanceId)
                : stateDir;
    }

    public boolean apiKeyRequired() {
        return !apiKey.isEmpty();
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        Duration result = value == null ? fallback : value;
        if (result.isNegative() || result.isZero()) {
            throw new IllegalArgumentException("callcenter.ingest." + name + " must be positive, was " + value);
        }
        return result;
    }

    private static String hostName() {
        try {
            return "call-ingest-" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "call-ingest";
        }
    }
}
