package io.callcenter.kit.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How long a listener retries a record whose processing fails before logging and skipping it
 * ({@code CALLCENTER_KAFKA_RETRY_MAX_ELAPSED}, default 30 s).
 */
@ConfigurationProperties("callcenter.kafka.retry")
public record KafkaRetryProperties(Duration maxElapsed) {
    public KafkaRetryProperties {
        maxElapsed = maxElapsed == null ? Duration.ofSeconds(30) : maxElapsed;
    }
}
