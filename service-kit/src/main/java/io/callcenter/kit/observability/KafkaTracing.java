package io.callcenter.kit.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trace context for consumers that spring-kafka's listener observation does not cover (a hand-written
 * {@code KafkaConsumer} loop): {@link #consume} runs the handling of one record in a {@code CONSUMER} span that
 * continues the trace of the record's {@code traceparent}, with {@code traceId}, {@code spanId} and the callId in
 * the MDC. A record without {@code traceparent} is handled with the callId in the MDC only: no span, nothing to
 * pay. With sampling off the span is not recorded (the ids are still propagated and logged).
 */
public class KafkaTracing {
    private static final Logger log = LoggerFactory.getLogger(KafkaTracing.class);
    private static final Propagator.Getter<Headers> HEADERS = (headers, key) -> {
        var header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;

    public KafkaTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The {@code traceparent} of the current span, to keep with work done later (an outbox row), or null. */
    public String currentTraceparent() {
        var context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        java.util.Map<String, String> carrier = new java.util.HashMap<>(2);
        propagator.inject(context, carrier, java.util.Map::put);
        return carrier.get(TraceHeaders.TRACEPARENT);
    }

    /**
     * Runs {@code work} in a span named {@code name} continuing {@code traceparent} (kept from
     * {@link #currentTraceparent()}), so what it sends through an observed template joins that trace; without one
     * it just runs.
     */
    public <T> T inTrace(String traceparent, String name, java.util.function.Supplier<T> work) {
        if (traceparent == null || tracer == Tracer.NOOP) {
            return work.get();
        }
        Span span = propagator.extract(java.util.Map.of(TraceHeaders.TRACEPARENT, traceparent),
                (java.util.Map<String, String> carrier, String key) -> carrier.get(key)).name(name).start();
        try (Tracer.SpanInScope inScope = tracer.withSpan(span)) {
            return work.get();
        } finally {
            span.end();
        }
    }

    /**
     * Runs {@code work} in a span named {@code name} (e.g. {@code "fanout callcenter.call-events.v1"}) continuing the
     * record's trace, with the record's key in the MDC as {@code keyField} ({@link CallMdc#CALL_ID} or
     * {@link CallMdc#AGENT_ID}).
     */
    public void consume(ConsumerRecord<?, ?> record, String name, String keyField, Runnable work) {
        String key = record.key() == null ? null : record.key().toString();
        Runnable logged = log.isDebugEnabled() ? () -> {
            log.debug("{}: {} {} at partition {} offset {}", name, keyField, key, record.partition(), record.offset());
            work.run();
        } : work;
        if (record.headers().lastHeader(TraceHeaders.TRACEPARENT) == null || tracer == Tracer.NOOP) {
            try (CallMdc.Scope ignored = CallMdc.of(keyField, key)) {
                logged.run();
            }
            return;
        }
        Span span = propagator.extract(record.headers(), HEADERS).name(name).kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", record.topic())
                .tag("messaging.kafka.partition", Integer.toString(record.partition()))
                .start();
        try (Tracer.SpanInScope inScope = tracer.withSpan(span); CallMdc.Scope ignored = CallMdc.of(keyField, key)) {
            logged.run();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
