package io.callcenter.kit.kafka;

import io.callcenter.model.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the contract's three topics so that whichever service starts first creates them, with the same partition
 * count everywhere (per-call ordering relies on the key, so the count must not change after data is written).
 */
@AutoConfiguration
@EnableConfigurationProperties(TopicsProperties.class)
public class TopicsAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics callcenterTopics(TopicsProperties props) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.CALL_EVENTS, props),
                topic(Topics.CALL_COMMANDS, props),
                topic(Topics.AGENT_EVENTS, props));
    }

    private static NewTopic topic(String name, TopicsProperties props) {
        return TopicBuilder.name(name).partitions(props.partitions()).replicas(props.replicationFactor()).build();
    }
}
