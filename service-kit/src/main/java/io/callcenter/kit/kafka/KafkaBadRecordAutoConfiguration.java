package io.callcenter.kit.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The bad-record policy of every {@code @KafkaListener}: a record that cannot be deserialized is skipped at once;
 * one whose processing fails is retried with back-off ({@link KafkaRetryProperties}, 30 s by default) (a database blip must not lose an
 * event) and then skipped; both through {@link SkipBadRecords}. Services read values through Spring's
 * {@code ErrorHandlingDeserializer} delegating to the contract's deserializer, so a malformed record reaches this
 * handler instead of failing the poll.
 */
@AutoConfiguration
@ConditionalOnClass(DefaultErrorHandler.class)
@EnableConfigurationProperties(KafkaRetryProperties.class)
public class KafkaBadRecordAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler skipBadRecordsErrorHandler(KafkaRetryProperties retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(retry.maxElapsed().toMillis());
        return new DefaultErrorHandler(new SkipBadRecords(), backOff);
    }
}
