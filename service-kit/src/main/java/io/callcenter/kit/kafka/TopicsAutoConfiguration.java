package io.callcenter.kit.kafka;

import io.callcenter.model.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.List;

/**
 * Declares the contract's topics so that whichever service starts first creates them, with the same partition
 * count everywhere (per-call ordering relies on the key, so the count must not change after data is written).
 * <p>
 * Cleanup policies, by how each topic is read: {@link Topics#AGENT_EVENTS} is read from the beginning as the table of
 * agents (call-ingest's GlobalKTable, the gateways' agent counts), so it is <b>compacted</b>: the latest status of
 * every agent stays however old it is (with {@code delete}, an agent without a change for the retention vanished
 * from every view rebuilt after that); {@link TableTopicPolicy} brings an existing topic in line at start-up. Call
 * events and commands are logs of what happened to each call (an {@code IncomingCall} must survive its
 * {@code CallAnswered}, which compaction by callId would drop), read from a time window (the gateways' replay) or
 * from committed offsets, so they keep time-based {@code delete}. The internal topics of call-ingest's Kafka Streams
 * (changelogs: compacted; repartition topics: purged) are managed by Kafka Streams itself. The dead-letter topics
 * ({@link DeadLetters}) are logs too: {@code delete}. {@link Topics#CALL_STATS} holds full snapshots keyed by scope
 * (call-stats), so it is compacted like a table.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(TopicsProperties.class)
public class TopicsAutoConfiguration {
    /** Segment roll of {@link Topics#CALL_STATS}: only closed segments are compacted. */
    static final Duration STATS_SEGMENT = Duration.ofMinutes(10);

    @Bean
    KafkaAdmin.NewTopics callcenterTopics(TopicsProperties props) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.CALL_EVENTS, props),
                topic(Topics.CALL_EVENTS_V2, props),
                topic(Topics.CALL_COMMANDS, props),
                TopicBuilder.name(Topics.AGENT_EVENTS).partitions(props.partitions())
                        .replicas(props.replicationFactor()).compact().build(),
                // full snapshots keyed by scope: the latest per key is all a reader needs; segments roll every
                // 10 minutes so that compaction keeps what a gateway reads at start small
                TopicBuilder.name(Topics.CALL_STATS).partitions(props.partitions())
                        .replicas(props.replicationFactor()).compact()
                        .config(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(STATS_SEGMENT.toMillis())).build(),
                // dead letters keep the original partition number, so each has as many partitions as its topic
                topic(Topics.deadLetter(Topics.CALL_EVENTS), props),
                topic(Topics.deadLetter(Topics.CALL_EVENTS_V2), props),
                topic(Topics.deadLetter(Topics.CALL_COMMANDS), props),
                topic(Topics.deadLetter(Topics.AGENT_EVENTS), props));
    }

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    TableTopicPolicy tableTopicPolicy(KafkaAdmin kafkaAdmin) {
        return new TableTopicPolicy(kafkaAdmin, List.of(Topics.AGENT_EVENTS));
    }

    private static NewTopic topic(String name, TopicsProperties props) {
        return TopicBuilder.name(name).partitions(props.partitions()).replicas(props.replicationFactor()).build();
    }
}
