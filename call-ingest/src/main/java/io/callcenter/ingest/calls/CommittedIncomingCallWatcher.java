package io.callcenter.ingest.calls;

import io.callcenter.ingest.IngestProperties;
import io.callcenter.model.Topics;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.model.serde.EventHeaders;
import io.callcenter.model.serde.TimingHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link Topics#CALL_EVENTS} with {@code read_committed} from the end (no consumer group: every partition,
 * because the call may be processed by any instance) and hands each committed {@link IncomingCall} to
 * {@link IncomingCallConfirmations}. Seeing the event here proves that the exactly-once transaction carrying it has
 * committed, which is when {@code POST /api/v1/calls} may answer 202. Starts before the web server accepts requests.
 */
@Component
class CommittedIncomingCallWatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CommittedIncomingCallWatcher.class);
    private static final String INCOMING_CALL = IncomingCall.class.getSimpleName();

    private final KafkaProperties kafka;
    private final IngestProperties ingest;
    private final IncomingCallConfirmations confirmations;
    private final CallEventDeserializer deserializer = new CallEventDeserializer();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    /** Processed by the Streams processor until seen here, committed ({@code read_committed}): the commit hop. */
    private final Timer commit;

    CommittedIncomingCallWatcher(KafkaProperties kafka, IngestProperties ingest,
                                 IncomingCallConfirmations confirmations, ObjectProvider<MeterRegistry> meters) {
        this.kafka = kafka;
        this.ingest = ingest;
        this.confirmations = confirmations;
        MeterRegistry registry = meters.getIfAvailable();
        this.commit = registry == null ? null : IngestHops.timer(registry, "commit",
                "IncomingCall made by the Streams processor until this read_committed consumer sees it committed");
    }

    @Override
    public synchronized void start() {
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, ingest.instanceId() + "-confirmations");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = created.partitionsFor(Topics.CALL_EVENTS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        created.assign(partitions);
        created.seekToEnd(partitions);
        partitions.forEach(created::position); // fix the start now: nothing committed after start() is missed
        consumer = created;
        running = true;
        thread = new Thread(this::watch, "incoming-call-confirmations");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (isIncomingCall(record)) {
                        read(record);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke us up
        } catch (RuntimeException e) {
            log.error("Confirmation watcher failed; POST /api/v1/calls will time out", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private static boolean isIncomingCall(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        return type == null || INCOMING_CALL.equals(new String(type.value(), StandardCharsets.UTF_8));
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        try {
            CallEvent event = deserializer.deserialize(record.topic(), record.headers(), record.value());
            if (event instanceof IncomingCall incoming) {
                long processed = TimingHeaders.read(record.headers(), TimingHeaders.PROCESSED);
                if (processed >= 0) {
                    IngestHops.record(commit, TimingHeaders.nowMicros() - processed);
                }
                confirmations.committed(incoming);
            }
        } catch (RuntimeException unreadable) {
            log.warn("Ignoring unreadable call event at {}-{} offset {}: {}", record.topic(), record.partition(),
                    record.offset(), unreadable.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread watcher = thread;
        if (watcher != null) {
            try {
                watcher.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Before the web server (and Kafka Streams) start, so the first request's event is seen. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
