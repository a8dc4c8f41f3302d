package io.callcenter.model.serde;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Optional diagnostic headers that carry a new call's path through the system, so each hop can be measured where
 * the record arrives (issue 21). Each value is a wall-clock instant in microseconds since the epoch, as decimal
 * ASCII (readable with {@code kafka-console-consumer --property print.headers=true}). Consumers must not depend on
 * them: a record may carry none, some or all (records written before they existed carry none), and they are not
 * part of the JSON Schemas.
 *
 * <ul>
 *   <li>{@value #RECEIVED}: call-ingest received the VoiceBot's {@code POST /api/v1/calls} (on {@code StartCall} and
 *   the {@code IncomingCall} made from it);</li>
 *   <li>{@value #SENT}: call-ingest handed the {@code StartCall} to its producer, lookups done (same records);</li>
 *   <li>{@value #PROCESSED}: call-ingest's Kafka Streams processor made the {@code IncomingCall} (in the transaction
 *   that later commits it).</li>
 * </ul>
 */
public final class TimingHeaders {
    public static final String RECEIVED = "callcenter-t-received";
    public static final String SENT = "callcenter-t-sent";
    public static final String PROCESSED = "callcenter-t-processed";
    private static final String[] ALL = {RECEIVED, SENT, PROCESSED};

    private TimingHeaders() {
    }

    /** The wall clock in microseconds since the epoch. */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Sets {@code name} to {@code micros}, replacing an earlier value. */
    public static void stamp(Headers headers, String name, long micros) {
        headers.remove(name);
        headers.add(name, Long.toString(micros).getBytes(StandardCharsets.US_ASCII));
    }

    /** The instant {@code name} carries, or -1 when it is absent or unreadable. */
    public static long read(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return -1;
        }
        try {
            return Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Copies every timing header {@code from} carries onto {@code to}. */
    public static void copy(Headers from, Headers to) {
        for (String name : ALL) {
            long value = read(from, name);
            if (value >= 0) {
                stamp(to, name, value);
            }
        }
    }
}
