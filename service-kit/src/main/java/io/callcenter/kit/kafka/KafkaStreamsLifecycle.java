package io.callcenter.kit.kafka;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * How a service's Kafka Streams start and stop (registered by {@link KafkaStreamsLifecycleAutoConfiguration}): they
 * leave the consumer group on close, so a restarted or stopped instance's partitions move at once instead of after
 * the session timeout (call-ingest's ringing calls would not time out meanwhile, call-stats' figures would stall); a
 * stream thread that dies of an uncaught exception is logged and replaced, so the instance keeps its share of the
 * work.
 */
class KafkaStreamsLifecycle implements StreamsBuilderFactoryBeanConfigurer {
    private static final Logger log = LoggerFactory.getLogger(KafkaStreamsLifecycle.class);

    @Override
    public void configure(StreamsBuilderFactoryBean factory) {
        factory.setLeaveGroupOnClose(true);
        factory.setStreamsUncaughtExceptionHandler(KafkaStreamsLifecycle::replaceThread);
    }

    static StreamThreadExceptionResponse replaceThread(Throwable exception) {
        log.error("Kafka Streams thread failed; replacing it", exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
