package io.callcenter.ingest.calls;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaStreamsHealthIndicatorTest {

    @Test
    void aFreshInstanceIsNotUpUntilItsFirstRebalanceAndRestoreAreDone() {
        assertThat(KafkaStreamsHealthIndicator.up(State.CREATED, false)).isFalse();
        assertThat(KafkaStreamsHealthIndicator.up(State.REBALANCING, false)).isFalse();
        assertThat(KafkaStreamsHealthIndicator.up(State.RUNNING, false)).isTrue();
    }

    @Test
    void anInstanceThatHasRunStaysUpThroughALaterRebalanceButNotWhenItFails() {
        assertThat(KafkaStreamsHealthIndicator.up(State.REBALANCING, true)).isTrue();
        assertThat(KafkaStreamsHealthIndicator.up(State.ERROR, true)).isFalse();
        assertThat(KafkaStreamsHealthIndicator.up(State.PENDING_SHUTDOWN, true)).isFalse();
        assertThat(KafkaStreamsHealthIndicator.up(State.NOT_RUNNING, true)).isFalse();
    }
}
