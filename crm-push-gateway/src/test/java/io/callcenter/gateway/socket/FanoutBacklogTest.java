package io.callcenter.gateway.socket;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consumer waits for room in the event loops' queues, and a drain wakes it as soon as there is room. */
class FanoutBacklogTest {
    private final FanoutBacklog backlog = new FanoutBacklog();

    @Test
    void thereIsRoomUpToTheLimit() throws Exception {
        backlog.added(10);

        assertThat(backlog.awaitBelow(10, Duration.ZERO)).isTrue();
        assertThat(backlog.awaitBelow(9, Duration.ofMillis(20))).as("over the limit until the wait ends").isFalse();
    }

    @Test
    void aDrainWakesTheWaitingConsumer() {
        backlog.added(100);
        CompletableFuture<Boolean> room = CompletableFuture.supplyAsync(() -> {
            try {
                return backlog.awaitBelow(50, Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });

        backlog.drained(30);
        assertThat(room).isNotDone();
        backlog.drained(20);

        await().atMost(Duration.ofSeconds(30)).until(room::isDone);
        assertThat(room.join()).isTrue();
        assertThat(backlog.queued()).isEqualTo(50);
    }
}
