package io.callcenter.kit.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service with {@code @EnableKafkaStreams} gets the health component {@code kafkaStreams}; one without Kafka
 * Streams gets nothing of it.
 */
class KafkaStreamsHealthAutoConfigurationTest {
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class, KafkaStreamsHealthAutoConfiguration.class))
            .withPropertyValues("spring.kafka.streams.application-id=kit-test",
                    "spring.kafka.streams.auto-startup=false");

    @Configuration(proxyBeanMethods = false)
    @EnableKafkaStreams
    static class StreamsService {
    }

    @Test
    void aKafkaStreamsServiceHasTheKafkaStreamsHealthComponent() {
        context.withUserConfiguration(StreamsService.class).run(app -> {
            assertThat(app).hasSingleBean(KafkaStreamsHealthIndicator.class);
            assertThat(app.getBean(HealthContributorRegistry.class).getContributor("kafkaStreams"))
                    .isInstanceOf(KafkaStreamsHealthIndicator.class);
        });
    }

    @Test
    void aServiceWithoutKafkaStreamsHasNone() {
        context.run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app).doesNotHaveBean(KafkaStreamsHealthIndicator.class);
        });
    }
}
