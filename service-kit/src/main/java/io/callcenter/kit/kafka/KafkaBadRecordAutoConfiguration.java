package io.callcenter.kit.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The bad-record policy of every {@code @KafkaListener}: spring-kafka's {@link DefaultErrorHandler} with a
 * {@link DeadLetterPublishingRecoverer} ({@link DeadLetters#recoverer()}): a record that cannot be deserialized goes
 * to its dead-letter topic {@code <topic>-dlt} at once; one whose processing fails is retried with back-off
 * ({@link KafkaRetryProperties}, 30 s by default; a database blip must not lose an event) and then dead-lettered.
 * The record is kept there with its origin and the exception in headers, and consumption goes on. Services read
 * values through Spring's {@code ErrorHandlingDeserializer} delegating to the contract's deserializer, so a
 * malformed record reaches this handler instead of failing the poll. A service without a producer
 * ({@link ProducerFactory}) logs and skips ({@link SkipBadRecords}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(DefaultErrorHandler.class)
@EnableConfigurationProperties(KafkaRetryProperties.class)
public class KafkaBadRecordAutoConfiguration {

    @Bean
    @ConditionalOnBean(ProducerFactory.class)
    @ConditionalOnMissingBean
    DeadLetters deadLetters(ProducerFactory<?, ?> producerFactory, ObjectProvider<MeterRegistry> meters) {
        return new DeadLetters(producerFactory.getConfigurationProperties(), meters.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler deadLetterErrorHandler(KafkaRetryProperties retry, ObjectProvider<DeadLetters> deadLetters) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(retry.maxElapsed().toMillis());
        DeadLetters kept = deadLetters.getIfAvailable();
        return new DefaultErrorHandler(kept == null ? new SkipBadRecords() : kept.recoverer(), backOff);
    }
}
