package io.callcenter.kit.kafka;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_BUILDER_BEAN_NAME;

/**
 * A service with {@code @EnableKafkaStreams} gets streams that leave the group on close and replace a dead thread
 * (applied to the factory Spring Kafka builds); one without Kafka Streams gets no configurer.
 */
class KafkaStreamsLifecycleAutoConfigurationTest {
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
                    KafkaStreamsLifecycleAutoConfiguration.class))
            .withPropertyValues("spring.kafka.streams.application-id=kit-test",
                    "spring.kafka.streams.auto-startup=false");

    @Configuration(proxyBeanMethods = false)
    @EnableKafkaStreams
    static class StreamsService {
    }

    @Test
    void theStreamsLeaveTheGroupOnCloseAndReplaceADeadThread() {
        context.withUserConfiguration(StreamsService.class).run(app -> {
            StreamsBuilderFactoryBean factory = app.getBean("&" + DEFAULT_STREAMS_BUILDER_BEAN_NAME,
                    StreamsBuilderFactoryBean.class);
            // no getter: the field is what Spring Kafka reads when it closes the streams
            assertThat(ReflectionTestUtils.getField(factory, "leaveGroupOnClose")).isEqualTo(true);
            assertThat(factory.getStreamsUncaughtExceptionHandler()).isNotNull();
            assertThat(factory.getStreamsUncaughtExceptionHandler().handle(new IllegalStateException("boom")))
                    .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        });
    }

    @Test
    void aServiceWithoutKafkaStreamsHasNoConfigurer() {
        context.run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app).doesNotHaveBean(KafkaStreamsLifecycle.class);
        });
    }
}
