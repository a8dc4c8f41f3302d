package io.callcenter.kit.kafka;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The health component {@code kafkaStreams} ({@link KafkaStreamsHealthIndicator}) of every service that runs a Kafka
 * Streams application ({@code @EnableKafkaStreams}, so a
 * {@value KafkaStreamsDefaultConfiguration#DEFAULT_STREAMS_BUILDER_BEAN_NAME} bean) and has actuator's health.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({KafkaStreams.class, StreamsBuilderFactoryBean.class, HealthIndicator.class})
@ConditionalOnBean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_BUILDER_BEAN_NAME)
public class KafkaStreamsHealthAutoConfiguration {

    /** The bean name without its suffix is the component's name: {@code kafkaStreams}. */
    @Bean
    @ConditionalOnMissingBean
    KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factory) {
        return new KafkaStreamsHealthIndicator(factory);
    }
}
