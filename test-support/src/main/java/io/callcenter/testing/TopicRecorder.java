package io.callcenter.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Records every record that arrives on a topic from the moment it is created (or from the beginning), in a background
 * thread, so a test can wait for and assert on exactly what was published. Values are read with the contract's
 * deserializer; a record it cannot read is recorded with a null value, so a test can count malformed records too.
 */
public final class TopicRecorder<V> implements AutoCloseable {
    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> records = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private TopicRecorder(String topic, Deserializer<V> deserializer, boolean fromBeginning) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructureExtension.infrastructure().kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), nullWhenUnreadable(deserializer));
        List<TopicPartition> partitions = partitionsOf(topic);
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // resolve positions now, before the test acts
        thread = new Thread(this::poll, "topic-recorder-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Records what is published from now on. */
    public static <V> TopicRecorder<V> fromNow(String topic, Deserializer<V> deserializer) {
        return new TopicRecorder<>(topic, deserializer, false);
    }

    /** Records everything the topic holds, then what is published. */
    public static <V> TopicRecorder<V> fromBeginning(String topic, Deserializer<V> deserializer) {
        return new TopicRecorder<>(topic, deserializer, true);
    }

    public List<ConsumerRecord<String, V>> records() {
        return List.copyOf(records);
    }

    public List<V> values() {
        List<V> values = new ArrayList<>();
        records.forEach(r -> values.add(r.value()));
        return values;
    }

    /** Waits until at least {@code count} recorded values match, and returns those that match. */
    public List<V> awaitValues(Predicate<V> matching, int count, Duration timeout) {
        await().atMost(timeout).until(() -> values().stream().filter(matching).count() >= count);
        return values().stream().filter(matching).toList();
    }

    private static <V> Deserializer<V> nullWhenUnreadable(Deserializer<V> deserializer) {
        return new Deserializer<>() {
            @Override
            public V deserialize(String topic, byte[] data) {
                return deserialize(topic, null, data);
            }

            @Override
            public V deserialize(String topic, org.apache.kafka.common.header.Headers headers, byte[] data) {
                try {
                    return headers == null ? deserializer.deserialize(topic, data)
                            : deserializer.deserialize(topic, headers, data);
                } catch (RuntimeException unreadable) {
                    return null;
                }
            }
        };
    }

    private List<TopicPartition> partitionsOf(String topic) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.partitionsFor(topic).isEmpty());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        return partitions;
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        } catch (WakeupException stopping) {
            // close() woke us up
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
