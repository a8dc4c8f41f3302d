package io.callcenter.ingest.calls;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code kafkaStreams}: up while the lifecycle processor runs, and while it
 * rebalances once it has run; down when it is not started, failed or shutting down (then no command becomes an
 * event), and while a freshly started instance is still in its first rebalance: that includes restoring its stores
 * from the changelogs, during which a new call could not be confirmed within {@code confirm-timeout}, so the instance
 * must not be sent traffic yet.
 */
@Component("kafkaStreams")
class KafkaStreamsHealthIndicator implements HealthIndicator {
    private final StreamsBuilderFactoryBean factory;
    private volatile boolean ranOnce;

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
        if (state == KafkaStreams.State.RUNNING) {
            ranOnce = true;
        }
        Health.Builder health = up(state, ranOnce) ? Health.up() : Health.down();
        return health.withDetail("state", state.name())
                .withDetail("threads", streams.metadataForLocalThreads().size())
                .build();
    }

    static boolean up(KafkaStreams.State state, boolean ranOnce) {
        return state == KafkaStreams.State.RUNNING || (state == KafkaStreams.State.REBALANCING && ranOnce);
    }
}
