package io.callcenter.ingest.calls;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaStreamsHealthIndicatorTest {

    @Test
    void onlyARunningProcessorIsReady() {
        assertThat(KafkaStreamsHealthIndicator.status(State.RUNNING)).isEqualTo(Status.UP);
    }

    @Test
    void aStartingRestoringOrRebalancingProcessorIsOutOfService() {
        assertThat(KafkaStreamsHealthIndicator.status(State.CREATED)).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(KafkaStreamsHealthIndicator.status(State.REBALANCING)).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void aFailedOrStoppingProcessorIsDown() {
        assertThat(KafkaStreamsHealthIndicator.status(State.ERROR)).isEqualTo(Status.DOWN);
        assertThat(KafkaStreamsHealthIndicator.status(State.PENDING_SHUTDOWN)).isEqualTo(Status.DOWN);
        assertThat(KafkaStreamsHealthIndicator.status(State.NOT_RUNNING)).isEqualTo(Status.DOWN);
    }
}
