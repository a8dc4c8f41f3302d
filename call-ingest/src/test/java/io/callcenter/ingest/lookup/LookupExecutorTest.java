package io.callcenter.ingest.lookup;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LookupExecutorTest {
    private final ExecutorService executor = new RemoteServiceClients().lookupExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aBurstOfLookupsRunsAtOnceRatherThanQueueingBehindTheFirstFew() throws InterruptedException {
        int burst = RemoteServiceClients.LOOKUP_THREADS;
        CountDownLatch allRunning = new CountDownLatch(burst);
        for (int i = 0; i < burst; i++) {
            executor.execute(() -> {
                allRunning.countDown();
                awaitQuietly(allRunning);
            });
        }

        assertThat(allRunning.await(30, TimeUnit.SECONDS))
                .as("%d lookups running side by side", burst).isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
