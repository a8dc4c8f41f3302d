package io.callcenter.kit.observability;

import org.slf4j.MDC;

import java.util.Arrays;

/**
 * The call a log line is about, in the MDC: {@value #CALL_ID}, {@value #AGENT_ID} and, where no span is current
 * (Kafka Streams processors), {@value #TRACE_ID} from the record's {@code traceparent}. Where a span is current,
 * Micrometer Tracing puts {@code traceId} and {@code spanId} there itself. Structured logs (ECS, Logstash) write
 * every MDC entry as a field; the plain console pattern does not show them.
 * <pre>{@code
 * try (CallMdc.Scope ignored = CallMdc.call(callId).agent(agentId)) {
 *     log.info("...");
 * }
 * }</pre>
 * A scope restores what the MDC held before it, so scopes nest.
 */
public final class CallMdc {
    public static final String CALL_ID = "callId";
    public static final String AGENT_ID = "agentId";
    public static final String TRACE_ID = "traceId";

    private CallMdc() {
    }

    /** A scope with {@code callId} (left as it was when null). */
    public static Scope call(String callId) {
        return new Scope().put(CALL_ID, callId);
    }

    /** A scope with {@code agentId} only (calls handled per agent). */
    public static Scope agent(Integer agentId) {
        return new Scope().agent(agentId);
    }

    /** A scope with one of the fields above ({@link #CALL_ID}, {@link #AGENT_ID}) set to {@code value}. */
    public static Scope of(String field, String value) {
        return new Scope().put(field, value);
    }

    /** Restores the MDC entries it set to what they were before. */
    public static final class Scope implements AutoCloseable {
        private String[] keys = new String[0];
        private String[] previous = new String[0];

        private Scope() {
        }

        public Scope agent(Integer agentId) {
            return put(AGENT_ID, agentId == null ? null : agentId.toString());
        }

        /** {@code traceId} from a W3C {@code traceparent} value (ignored when null or malformed). */
        public Scope traceparent(String traceparent) {
            return put(TRACE_ID, TraceHeaders.traceIdOf(traceparent));
        }

        private Scope put(String key, String value) {
            if (value == null) {
                return this;
            }
            int n = keys.length;
            keys = Arrays.copyOf(keys, n + 1);
            previous = Arrays.copyOf(previous, n + 1);
            keys[n] = key;
            previous[n] = MDC.get(key);
            MDC.put(key, value);
            return this;
        }

        @Override
        public void close() {
            for (int i = keys.length - 1; i >= 0; i--) {
                if (previous[i] == null) {
                    MDC.remove(keys[i]);
                } else {
                    MDC.put(keys[i], previous[i]);
                }
            }
        }
    }
}
