package io.callcenter.gateway;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How the gateway's own consumers (the fan-out, the stats feed) read a topic whole: no consumer group, since every
 * instance reads every partition; partitions assigned by hand, nothing committed, only committed transactions read.
 */
public final class TopicReaders {
    private static final Logger log = LoggerFactory.getLogger(TopicReaders.class);

    private TopicReaders() {
    }

    /** Spring's consumer settings without the group, auto-commit off, {@code read_committed}, this client id. */
    public static Map<String, Object> consumerProperties(KafkaProperties kafka, String clientId) {
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    /**
     * Every partition of {@code topic}, waiting (logged every 10 s) while it does not exist yet; a
     * {@link WakeupException} once {@code running} turns false.
     */
    public static List<TopicPartition> partitionsOf(Consumer<?, ?> kafka, String topic, BooleanSupplier running) {
        while (running.getAsBoolean()) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            log.info("Waiting for topic {}", topic);
        }
        throw new WakeupException();
    }
}
