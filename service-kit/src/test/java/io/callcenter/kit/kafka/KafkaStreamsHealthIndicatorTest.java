package io.callcenter.kit.kafka;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
        assertThat(KafkaStreamsHealthIndicator.status(State.PENDING_ERROR)).isEqualTo(Status.DOWN);
        assertThat(KafkaStreamsHealthIndicator.status(State.PENDING_SHUTDOWN)).isEqualTo(Status.DOWN);
        assertThat(KafkaStreamsHealthIndicator.status(State.NOT_RUNNING)).isEqualTo(Status.DOWN);
    }

    @Test
    void streamsNotCreatedYetAreDownAsNotStarted() {
        StreamsBuilderFactoryBean factory = mock(StreamsBuilderFactoryBean.class);

        Health health = new KafkaStreamsHealthIndicator(factory).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "NOT_STARTED");
    }

    @Test
    void theStateAndTheNumberOfThreadsAreDetails() {
        StreamsBuilderFactoryBean factory = mock(StreamsBuilderFactoryBean.class);
        KafkaStreams streams = mock(KafkaStreams.class);
        when(factory.getKafkaStreams()).thenReturn(streams);
        when(streams.state()).thenReturn(State.REBALANCING);
        when(streams.metadataForLocalThreads()).thenReturn(Set.of());

        Health health = new KafkaStreamsHealthIndicator(factory).health();

        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).containsEntry("state", "REBALANCING").containsEntry("threads", 0);
    }
}
