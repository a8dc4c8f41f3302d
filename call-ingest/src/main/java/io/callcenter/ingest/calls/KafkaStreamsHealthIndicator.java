package io.callcenter.ingest.calls;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code kafkaStreams}, in the readiness group: up only while the lifecycle
 * processor is {@code RUNNING}; {@code OUT_OF_SERVICE} while it starts or rebalances (its stores cannot be queried
 * and commands wait), down when it is not started, failed or shutting down (then no command becomes an event).
 * Liveness does not include it: a rebalance is no reason to restart the process.
 */
@Component("kafkaStreams")
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

    /** A fresh instance restoring its stores is REBALANCING too: no traffic before it can confirm a call. */
    static Status status(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> Status.UP;
            case CREATED, REBALANCING -> Status.OUT_OF_SERVICE;
            default -> Status.DOWN;
        };
    }
}
