package io.callcenter.ingest.calls;

import io.callcenter.kit.observability.CallMdc;
import io.callcenter.kit.observability.TraceHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Carries a call's trace through a processor of the topology without the processor knowing: while a record is
 * processed, every record the processor forwards that has no {@code traceparent} of its own gets the input's (the
 * processors build new {@link Record}s, which would otherwise drop it), so a command's trace goes on in the event
 * it becomes; and the input's key (callId, or agentId for the seat processor) and trace id are in the MDC of what
 * the processor logs. Records forwarded from punctuations (ring timeout, max duration) have no input: nothing is
 * added. Cost per record: one header lookup and a few MDC puts.
 */
final class TraceCarryingProcessor<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
    private static final Logger log = LoggerFactory.getLogger(TraceCarryingProcessor.class);
    private final Processor<KIn, VIn, KOut, VOut> delegate;
    private final String keyField;
    private Header current;

    private TraceCarryingProcessor(Processor<KIn, VIn, KOut, VOut> delegate, String keyField) {
        this.delegate = delegate;
        this.keyField = keyField;
    }

    /** For a processor keyed by callId. */
    static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> byCall(
            ProcessorSupplier<KIn, VIn, KOut, VOut> processor) {
        return () -> new TraceCarryingProcessor<>(processor.get(), CallMdc.CALL_ID);
    }

    /** For a processor keyed by agentId. */
    static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> byAgent(
            ProcessorSupplier<KIn, VIn, KOut, VOut> processor) {
        return () -> new TraceCarryingProcessor<>(processor.get(), CallMdc.AGENT_ID);
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        delegate.init(new Carrying(context));
    }

    @Override
    public void process(Record<KIn, VIn> record) {
        current = record.headers().lastHeader(TraceHeaders.TRACEPARENT);
        String key = record.key() == null ? null : record.key().toString();
        try (CallMdc.Scope ignored = CallMdc.of(keyField, key).traceparent(TraceHeaders.traceparent(record.headers()))) {
            if (log.isDebugEnabled()) {
                log.debug("{} processes {}", delegate.getClass().getSimpleName(),
                        record.value() == null ? null : record.value().getClass().getSimpleName());
            }
            delegate.process(record);
        } finally {
            current = null;
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    private <K, V> Record<K, V> withTrace(Record<K, V> record) {
        Header trace = current;
        if (trace != null && record.headers().lastHeader(TraceHeaders.TRACEPARENT) == null) {
            record.headers().add(trace);
        }
        return record;
    }

    /** The processor's context, adding the trace to what it forwards. */
    private final class Carrying implements ProcessorContext<KOut, VOut> {
        private final ProcessorContext<KOut, VOut> context;

        Carrying(ProcessorContext<KOut, VOut> context) {
            this.context = context;
        }

        @Override
        public <K extends KOut, V extends VOut> void forward(Record<K, V> record) {
            context.forward(withTrace(record));
        }

        @Override
        public <K extends KOut, V extends VOut> void forward(Record<K, V> record, String childName) {
            context.forward(withTrace(record), childName);
        }

        @Override
        public String applicationId() {
            return context.applicationId();
        }

        @Override
        public TaskId taskId() {
            return context.taskId();
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return context.recordMetadata();
        }

        @Override
        public Serde<?> keySerde() {
            return context.keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return context.valueSerde();
        }

        @Override
        public File stateDir() {
            return context.stateDir();
        }

        @Override
        public StreamsMetrics metrics() {
            return context.metrics();
        }

        @Override
        public <S extends StateStore> S getStateStore(String name) {
            return context.getStateStore(name);
        }

        @Override
        public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
            return context.schedule(interval, type, callback);
        }

        @Override
        public void commit() {
            context.commit();
        }

        @Override
        public Map<String, Object> appConfigs() {
            return context.appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return context.appConfigsWithPrefix(prefix);
        }

        @Override
        public long currentSystemTimeMs() {
            return context.currentSystemTimeMs();
        }

        @Override
        public long currentStreamTimeMs() {
            return context.currentStreamTimeMs();
        }
    }
}
