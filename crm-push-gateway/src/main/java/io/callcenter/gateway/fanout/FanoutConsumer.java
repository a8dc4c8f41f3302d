package io.callcenter.gateway.fanout;

import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.TopicReaders;
import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.gateway.socket.EventSender;
import io.callcenter.gateway.socket.FanoutBacklog;
import io.callcenter.kit.observability.CallMdc;
import io.callcenter.kit.observability.KafkaTracing;
import io.callcenter.model.Topics;
import io.callcenter.model.serde.TimingHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Every instance reads every call and agent event: one consumer thread, partitions assigned by hand, no consumer
 * group, {@code read_committed}. At start it replays call-events from {@code now - replay-window} (offsetsForTimes)
 * and agent-events from the beginning up to the end offsets seen at start, only updating the views; then it
 * signals {@link #awaitCaughtUp} and everything after is delivered live. Unreadable records are logged with
 * topic/partition/offset and skipped. While more than {@code max-queued-events} wait for the event loops it polls
 * no more, so a backlog stays in Kafka (the lag gauge) instead of in memory. Each live record is handed to the
 * dispatcher inside {@link KafkaTracing#consume} (a span continuing the record's {@code traceparent}, callId and
 * traceId in the MDC); replayed ones are not traced.
 */
@Component
public class FanoutConsumer {
    private static final Logger log = LoggerFactory.getLogger(FanoutConsumer.class);
    private static final String AGENT_SPAN = "fanout " + Topics.AGENT_EVENTS;

    private final KafkaProperties kafkaProperties;
    private final GatewayProperties properties;
    private final String callSpan;
    private final FanoutDispatcher dispatcher;
    private final FanoutBacklog backlog;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private volatile long lag;
    /** Partitions assigned to the current consumer (cleared when it closes); readiness needs it. */
    private volatile boolean assigned;
    private final KafkaTracing tracing;
    private volatile KafkaConsumer<String, Object> consumer;
    /** Next offset per partition once consuming; a restarted consumer resumes there instead of replaying. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
    private Thread thread;
    private final GatewayMetrics metrics;

    public FanoutConsumer(KafkaProperties kafkaProperties, GatewayProperties properties, FanoutDispatcher dispatcher,
                          EventSender sender, GatewayMetrics metrics, KafkaTracing tracing) {
        this.tracing = tracing;
        this.kafkaProperties = kafkaProperties;
        this.properties = properties;
        this.callSpan = "fanout " + properties.callEventsTopic();
        this.dispatcher = dispatcher;
        this.backlog = sender.backlog();
        this.metrics = metrics;
        metrics.consumerLagGauge(() -> lag);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "gateway-fanout-" + properties.instanceId());
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the views hold everything published before start; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, Object> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = TopicReaders.consumerProperties(kafkaProperties,
                "crm-push-gateway-" + properties.instanceId());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    private void run() {
        while (running) {
            try {
                consume();
            } catch (WakeupException stopping) {
                // stop() woke us up
            } catch (RuntimeException e) {
                log.error("Fan-out consumer failed; restarting from where it was in 2 s", e);
                pause(Duration.ofSeconds(2));
            }
        }
        caughtUp.countDown();
    }

    /** One consumer's life: replay (first time only) or resume at the positions reached, then live. */
    private void consume() {
        try (KafkaConsumer<String, Object> kafka = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new ContractEventDeserializer()))) {
            consumer = kafka;
            if (!running) {
                return;
            }
            List<TopicPartition> callPartitions = TopicReaders.partitionsOf(kafka, properties.callEventsTopic(),
                    () -> running);
            List<TopicPartition> agentPartitions = TopicReaders.partitionsOf(kafka, Topics.AGENT_EVENTS,
                    () -> running);
            List<TopicPartition> all = new ArrayList<>(callPartitions);
            all.addAll(agentPartitions);
            kafka.assign(all);
            assigned = true;
            Map<TopicPartition, Long> replayEnd;
            if (resumeAt.isEmpty()) {
                seekReplayStart(kafka, callPartitions, agentPartitions);
                replayEnd = kafka.endOffsets(all);
                log.info("Fan-out replay: call-events from {} ago and agent-events from the beginning, up to {}",
                        properties.replayWindow(), replayEnd);
            } else {
                all.forEach(tp -> kafka.seek(tp, resumeAt.getOrDefault(tp, 0L)));
                replayEnd = Map.of();
            }
            boolean replaying = caughtUp.getCount() > 0;
            while (running) {
                ConsumerRecords<String, Object> records = kafka.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    long consumedMicros = TimingHeaders.nowMicros();
                    int[] timed = {0};
                    // one batch per poll: its broadcasts go out as one write per event loop queue
                    Map<TopicPartition, Long> ends = replayEnd;
                    dispatcher.batch(() -> {
                        for (ConsumerRecord<String, Object> record : records) {
                            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                            boolean replay = record.offset() < ends.getOrDefault(tp, 0L);
                            if (!replay && metrics.hops(record.headers(), consumedMicros)) {
                                timed[0]++;
                            }
                            handle(record, replay);
                            resumeAt.put(tp, record.offset() + 1);
                        }
                    });
                    metrics.dispatched(timed[0], TimingHeaders.nowMicros() - consumedMicros);
                }
                awaitRoomInTheLoops();
                if (replaying && reached(kafka, replayEnd)) {
                    replaying = false;
                    log.info("Fan-out views rebuilt; delivering live events");
                    caughtUp.countDown();
                }
                lag = lagOf(kafka, all);
            }
        } finally {
            assigned = false;
            consumer = null;
        }
    }

    /** Polls no more while the event loops are far behind: the backlog waits in Kafka, not in this JVM's memory. */
    private void awaitRoomInTheLoops() {
        try {
            while (running && !backlog.awaitBelow(properties.maxQueuedEvents(), Duration.ofMillis(200))) {
                log.debug("Fan-out paused: {} events wait for the event loops", backlog.queued());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis()); // back-off before reconnecting, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void handle(ConsumerRecord<String, Object> record, boolean replay) {
        Object value = record.value();
        if (value == null) {
            log.error("Skipping unreadable record topic={} partition={} offset={} key={}: {}", record.topic(),
                    record.partition(), record.offset(), record.key(), reason(record));
            return;
        }
        try {
            if (replay) {
                dispatcher.replay(value);
            } else {
                boolean call = properties.callEventsTopic().equals(record.topic());
                tracing.consume(record, call ? callSpan : AGENT_SPAN, call ? CallMdc.CALL_ID : CallMdc.AGENT_ID,
                        () -> dispatcher.live(value));
            }
        } catch (RuntimeException e) {
            log.error("Failed to deliver record topic={} partition={} offset={}", record.topic(), record.partition(),
                    record.offset(), e);
        }
    }

    /** Ready for CRMs: partitions assigned, the views rebuilt, and consuming live (the readiness check). */
    public boolean isLive() {
        return running && assigned && caughtUp.getCount() == 0;
    }

    /** Records behind the end of call-events and agent-events at the last poll. */
    public long lag() {
        return lag;
    }

    private static String reason(ConsumerRecord<String, Object> record) {
        var exception = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, new LogAccessor(FanoutConsumer.class));
        if (exception == null) {
            return "no value";
        }
        return exception.getCause() != null ? exception.getCause().getMessage() : exception.getMessage();
    }

    private void seekReplayStart(KafkaConsumer<String, Object> kafka, List<TopicPartition> callPartitions,
                                 List<TopicPartition> agentPartitions) {
        long from = Instant.now().minus(properties.replayWindow()).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        callPartitions.forEach(tp -> query.put(tp, from));
        Map<TopicPartition, OffsetAndTimestamp> starts = kafka.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = kafka.endOffsets(callPartitions);
        for (TopicPartition tp : callPartitions) {
            OffsetAndTimestamp start = starts.get(tp);
            kafka.seek(tp, start != null ? start.offset() : ends.get(tp));
        }
        kafka.seekToBeginning(agentPartitions);
    }

    private static boolean reached(KafkaConsumer<String, Object> kafka, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (kafka.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static long lagOf(KafkaConsumer<String, Object> kafka, List<TopicPartition> partitions) {
        long total = 0;
        for (TopicPartition tp : partitions) {
            OptionalLong partitionLag = kafka.currentLag(tp);
            if (partitionLag.isPresent()) {
                total += partitionLag.getAsLong();
            }
        }
        return total;
    }
}
