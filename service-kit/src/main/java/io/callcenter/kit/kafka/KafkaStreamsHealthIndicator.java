package io.callcenter.kit.kafka;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * {@code /actuator/health} component {@code kafkaStreams} of a service that runs Kafka Streams (registered by
 * {@link KafkaStreamsHealthAutoConfiguration}): up only while the streams are {@code RUNNING};
 * {@code OUT_OF_SERVICE} while they start or rebalance (their stores cannot be queried, nothing is processed), down
 * when they are not started, failed or shutting down. A service puts it in its readiness group; liveness should not
 * include it: a rebalance is no reason to restart the process.
 */
class KafkaStreamsHealthIndicator implements HealthIndicator {
    private final StreamsBuilderFactoryBean factory;

    KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factory) {
        this.factory = factory;
    }

    @Override
    public Health health() {
        KafkaStreams streams = factory.getKafkaStreams();
        if (streams == null) {
            return Health.down().withDetail("state", "NOT_STARTED").build();
        }
        KafkaStreams.State state = streams.state();
        Health.Builder health = Health.status(status(state));
        return health.withDetail("state", state.name())
                .withDetail("threads", streams.metadataForLocalThreads().size())
                .build();
    }

    /** A fresh instance restoring its stores is REBALANCING too: no traffic before it can serve. */
    static Status status(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> Status.UP;
            case CREATED, REBALANCING -> Status.OUT_OF_SERVICE;
            default -> Status.DOWN;
        };
    }
}
