package io.callcenter.kit.observability;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * The W3C trace context as Kafka headers: {@value #TRACEPARENT} ({@code 00-<32 hex trace id>-<16 hex span id>-<flags>}),
 * written by spring-kafka's observed templates and read by the observed listeners, by {@link KafkaTracing} for the
 * hand-written consumers and carried from command to event by call-ingest's Kafka Streams topology.
 */
public final class TraceHeaders {
    public static final String TRACEPARENT = "traceparent";
    private static final int TRACE_ID_START = 3;
    private static final int TRACE_ID_END = 35;

    private TraceHeaders() {
    }

    /** The last {@code traceparent} header's value, or null. */
    public static String traceparent(Headers headers) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(TRACEPARENT);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The trace id of a {@code traceparent} value, or null when it is null or not of the W3C form. */
    public static String traceIdOf(String traceparent) {
        if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(2) != '-'
                || traceparent.charAt(TRACE_ID_END) != '-') {
            return null;
        }
        return traceparent.substring(TRACE_ID_START, TRACE_ID_END);
    }

    /** The trace id of the record's {@code traceparent} header, or null. */
    public static String traceId(Headers headers) {
        return traceIdOf(traceparent(headers));
    }
}
