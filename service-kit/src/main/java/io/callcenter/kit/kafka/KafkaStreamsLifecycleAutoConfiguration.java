package io.callcenter.kit.kafka;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * How the streams of every service that runs a Kafka Streams application ({@code @EnableKafkaStreams}, so a
 * {@value KafkaStreamsDefaultConfiguration#DEFAULT_STREAMS_BUILDER_BEAN_NAME} bean) start and stop:
 * {@link KafkaStreamsLifecycle}. A service's own settings (application id, state directory, processing guarantee,
 * exception handlers) stay in its topology's configuration.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({KafkaStreams.class, StreamsBuilderFactoryBean.class})
@ConditionalOnBean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_BUILDER_BEAN_NAME)
public class KafkaStreamsLifecycleAutoConfiguration {

    @Bean
    KafkaStreamsLifecycle kafkaStreamsLifecycle() {
        return new KafkaStreamsLifecycle();
    }
}
