package io.callcenter.ingest.lookup;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LookupWarmUpTest {
    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger pauses = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    /** Each pause advances the fake clock by the retry interval, as the real one would. */
    private void pause() {
        pauses.incrementAndGet();
        clock.addAndGet(LookupWarmUp.RETRY_INTERVAL.toNanos());
    }

    private int warm(Runnable lookup) {
        return LookupWarmUp.warm("customer-service", () -> {
            calls.incrementAndGet();
            lookup.run();
        }, clock::get, this::pause);
    }

    @Test
    void slowFirstLookupsAreRetriedAtOnceUntilOneAnswers() {
        int attempts = warm(() -> {
            if (calls.get() < 3) {
                throw new ResourceAccessException("timed out", new HttpTimeoutException("request timed out"));
            }
        });

        assertThat(attempts).isEqualTo(3);
        assertThat(pauses).hasValue(0);
    }

    @Test
    void aServiceThatIsNotUpYetIsRetriedAfterAPauseUntilItAnswers() {
        int attempts = warm(() -> {
            if (calls.get() <= 10) {
                throw new ResourceAccessException("refused", new ConnectException("Connection refused"));
            }
        });

        assertThat(attempts).isEqualTo(11);
        assertThat(pauses).hasValue(10);
    }

    @Test
    void aServiceThatNeverComesUpIsGivenUpAfterTheBudget() {
        int attempts = warm(() -> {
            throw new ResourceAccessException("refused", new ConnectException("Connection refused"));
        });

        assertThat(attempts).isZero();
        long retriesInBudget = LookupWarmUp.BUDGET.toNanos() / LookupWarmUp.RETRY_INTERVAL.toNanos();
        assertThat(calls.get()).isEqualTo(retriesInBudget + 1);
    }

    @Test
    void aServiceThatKeepsFailingIsGivenUpAfterABoundedNumberOfAnswers() {
        int attempts = warm(() -> {
            throw new IllegalStateException("500 from the service");
        });

        assertThat(attempts).isZero();
        assertThat(calls).hasValue(LookupWarmUp.MAX_SLOW_ANSWERS);
        assertThat(pauses).hasValue(0);
    }
}
