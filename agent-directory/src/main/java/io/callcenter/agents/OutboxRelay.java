package io.callcenter.agents;

import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import io.callcenter.kit.observability.KafkaTracing;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the outbox to {@code callcenter.agent-events.v1}. One thread drains unpublished rows in id order: send
 * them (key = agent id, acks=all), wait for every acknowledgement, then stamp them published in the same database
 * transaction that holds the relay's advisory lock (so two instances never publish the same rows). It is woken right
 * after each commit that wrote a row, and also looks every {@code poll-interval}, which publishes rows committed
 * before a crash once the service is back. A send that fails leaves its row and every later row unpublished for the
 * next round: delivery is at least once, in order per agent; consumers key their views by agent and eventId. The
 * producer's {@code delivery.timeout.ms} must be shorter than {@code send-timeout} (checked at start-up), so that a
 * row sent again is no longer in flight: otherwise a slow acknowledgement would publish it twice.
 * Published rows are kept for {@code retention} (to inspect what was sent), then deleted by {@link Housekeeping}.
 */
@Component
public class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Kafka's default for {@code delivery.timeout.ms}. */
    private static final long DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;

    private final AgentOutbox outbox;
    private final KafkaTracing tracing;
    private final KafkaTemplate<String, Object> kafka;
    private final TransactionTemplate transaction;
    private final AgentDirectoryProperties.Outbox settings;
    private final Counter published;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService thread;

    public OutboxRelay(AgentOutbox outbox, KafkaTemplate<String, Object> kafka, PlatformTransactionManager txManager,
                       AgentDirectoryProperties properties, MeterRegistry meters, KafkaTracing tracing) {
        this.tracing = tracing;
        this.outbox = outbox;
        this.kafka = kafka;
        this.transaction = new TransactionTemplate(txManager);
        this.settings = properties.outbox();
        requireProducerToGiveUpFirst(settings.sendTimeout(), kafka.getProducerFactory().getConfigurationProperties());
        this.published = Counter.builder("callcenter.agents.outbox.published")
                .description("agent events published from the outbox").register(meters);
        Gauge.builder("callcenter.agents.outbox.pending", outbox, AgentOutbox::pendingCount)
                .description("outbox rows not yet acknowledged by Kafka").register(meters);
    }

    /**
     * A send the relay stops waiting for is sent again on the next round; if the producer were still retrying the
     * first one it could deliver both. The producer must therefore give up ({@code delivery.timeout.ms}, which bounds
     * the time to a success or failure) before the relay does.
     */
    private static void requireProducerToGiveUpFirst(Duration sendTimeout, Map<String, Object> producerConfig) {
        Object configured = producerConfig.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        long deliveryTimeoutMs = configured == null ? DEFAULT_DELIVERY_TIMEOUT_MS
                : Long.parseLong(configured.toString().strip());
        if (sendTimeout.toMillis() <= deliveryTimeoutMs) {
            throw new IllegalStateException("callcenter.agents.outbox.send-timeout (" + sendTimeout.toMillis()
                    + " ms) must be longer than the producer's delivery.timeout.ms (" + deliveryTimeoutMs
                    + " ms, spring.kafka.producer.properties.delivery.timeout.ms): otherwise a row still in flight "
                    + "is sent again and published twice");
        }
    }

    /** Runs a drain as soon as the transaction that wrote an outbox row has committed; a rollback wakes nothing. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void onCommit(OutboxRowWritten written) {
        wake();
    }

    public void wake() {
        ExecutorService current = thread;
        if (current != null && wakeQueued.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakeQueued.set(false);
                    drain();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakeQueued.set(false);
            }
        }
    }

    /** Publishes every row that is unpublished now; stops at the first failure and leaves the rest for later. */
    void drain() {
        try {
            boolean more = true;
            while (more && thread != null) {
                Integer sent = transaction.execute(status -> publishBatch());
                more = sent != null && sent == settings.batchSize();
            }
        } catch (RuntimeException e) {
            log.warn("outbox relay round failed, retrying in {}: {}", settings.pollInterval(), e.toString());
        }
    }

    /** In one transaction holding the relay lock: send a batch, wait for the acks, mark the acknowledged rows. */
    private int publishBatch() {
        if (!outbox.tryLockForRelay()) {
            return 0;
        }
        List<AgentOutbox.Row> rows = outbox.unpublished(settings.batchSize());
        List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
        List<Long> sendable = new ArrayList<>(rows.size());
        List<Long> unreadable = new ArrayList<>();
        for (AgentOutbox.Row row : rows) {
            AgentEvent event;
            try {
                event = row.event();
            } catch (RuntimeException e) {
                // A row nobody can read would block every later one forever: log it loudly and move past it.
                log.error("outbox row {} (agent {}) is unreadable and is skipped: {} payload={}", row.id(),
                        row.agentId(), e.getMessage(), row.payload());
                unreadable.add(row.id());
                continue;
            }
            // in the trace of the change the row describes (the template's observation continues it)
            acks.add(tracing.inTrace(row.traceparent(), "outbox publish", () -> kafka.send(
                    new ProducerRecord<>(Topics.AGENT_EVENTS, Topics.agentKey(event.agentId()), event))));
            sendable.add(row.id());
        }
        List<Long> acknowledged = new ArrayList<>(unreadable);
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(sendable.get(i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                log.warn("outbox row {} not acknowledged by Kafka, retrying later: {}", sendable.get(i),
                        e.toString());
                break;
            }
        }
        outbox.markPublished(acknowledged);
        published.increment(acknowledged.size() - unreadable.size());
        return acknowledged.size() == rows.size() ? rows.size() : 0;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-outbox-relay");
            t.setDaemon(true);
            return t;
        });
        thread = executor;
        long pollMillis = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::drain, 0, pollMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = thread;
        thread = null;
        if (executor != null) {
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("outbox relay did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
