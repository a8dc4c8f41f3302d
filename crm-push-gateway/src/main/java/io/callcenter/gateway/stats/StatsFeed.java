package io.callcenter.gateway.stats;

import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.TopicReaders;
import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.gateway.socket.ClientState;
import io.callcenter.gateway.socket.ConnectedClients;
import io.callcenter.gateway.socket.EventSender;
import io.callcenter.gateway.socket.OutboundEvent;
import io.callcenter.model.Topics;
import io.callcenter.model.serde.CallStatsEventDeserializer;
import io.callcenter.model.stats.CallCenterStatsUpdated;
import io.callcenter.model.stats.CallStatsEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The latest contact-centre figures from {@link Topics#CALL_STATS} (call-stats' snapshots; compacted, read from the
 * beginning by one thread, no consumer group, {@code read_committed}), served by {@code GET /api/call-center/stats}
 * ({@link #latest()}) and pushed as {@value #EVENT}: every {@link #PUSH_INTERVAL}, if a newer snapshot came since the
 * last push, it is encoded once and sent to the joined sockets that asked for it ({@code join_call_center} with
 * {@code stats: true}); the guide's clients never receive it. A snapshot older than the one held (a replayed or
 * reordered record) is ignored.
 */
@Component
public class StatsFeed {
    public static final String EVENT = "call_center_stats";
    /** At most one {@value #EVENT} per socket per this interval. */
    static final Duration PUSH_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(StatsFeed.class);

    private final KafkaProperties kafkaProperties;
    private final GatewayProperties properties;
    private final ConnectedClients clients;
    private final EventSender sender;
    private final GatewayMetrics metrics;
    private final CallStatsEventDeserializer deserializer = new CallStatsEventDeserializer();
    private volatile CallCenterStatsUpdated latest;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private CallCenterStatsUpdated pushed;
    private Thread thread;
    private ScheduledExecutorService pusher;

    public StatsFeed(KafkaProperties kafkaProperties, GatewayProperties properties, ConnectedClients clients,
                     EventSender sender, GatewayMetrics metrics) {
        this.kafkaProperties = kafkaProperties;
        this.properties = properties;
        this.clients = clients;
        this.sender = sender;
        this.metrics = metrics;
    }

    /** The latest snapshot, or empty while call-stats has published none. */
    public Optional<CallCenterStatsUpdated> latest() {
        return Optional.ofNullable(latest);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "gateway-stats-" + properties.instanceId());
        thread.setDaemon(true);
        thread.start();
        pusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread push = new Thread(runnable, "gateway-stats-push-" + properties.instanceId());
            push.setDaemon(true);
            return push;
        });
        pusher.scheduleWithFixedDelay(this::push, PUSH_INTERVAL.toMillis(), PUSH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        running = false;
        if (pusher != null) {
            pusher.shutdownNow();
        }
        KafkaConsumer<String, byte[]> current = consumer;
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

    /** Sends the latest snapshot to the sockets that asked, if it is newer than the last one pushed. */
    void push() {
        try {
            CallCenterStatsUpdated current = latest;
            if (current == null || current == pushed) {
                return;
            }
            pushed = current;
            List<ClientState> recipients = new ArrayList<>();
            for (ClientState client : clients.all()) {
                if (client.joined() && client.wantsStats()) {
                    recipients.add(client);
                }
            }
            if (recipients.isEmpty()) {
                return;
            }
            try (OutboundEvent event = OutboundEvent.encode(EVENT, current, metrics)) {
                sender.broadcast(List.of(event), recipients);
            }
        } catch (RuntimeException e) {
            log.error("Failed to push {}", EVENT, e);
        }
    }

    /** Takes a snapshot unless it is older than the one held. */
    void offer(CallStatsEvent event) {
        if (event instanceof CallCenterStatsUpdated snapshot && snapshot.occurredAt() != null
                && CallCenterStatsUpdated.SCOPE_CALL_CENTER.equals(snapshot.scope())) {
            CallCenterStatsUpdated held = latest;
            if (held == null || !snapshot.occurredAt().isBefore(held.occurredAt())) {
                latest = snapshot;
            }
        }
    }

    private void run() {
        while (running) {
            try {
                consume();
            } catch (WakeupException stopping) {
                // stop() woke us up
            } catch (RuntimeException e) {
                log.error("Stats consumer failed; restarting in 2 s", e);
                try {
                    Thread.sleep(2000); // back-off before reconnecting, not a wait for a condition
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void consume() {
        Map<String, Object> props = TopicReaders.consumerProperties(kafkaProperties,
                "crm-push-gateway-stats-" + properties.instanceId());
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            if (!running) {
                return;
            }
            List<TopicPartition> partitions = TopicReaders.partitionsOf(kafka, Topics.CALL_STATS, () -> running);
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
                    try {
                        offer(deserializer.deserialize(record.topic(), record.headers(), record.value()));
                    } catch (SerializationException e) {
                        log.error("Skipping unreadable record topic={} partition={} offset={}: {}", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        } finally {
            consumer = null;
        }
    }
}
