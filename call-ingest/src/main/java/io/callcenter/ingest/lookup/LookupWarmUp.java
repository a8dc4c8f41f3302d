package io.callcenter.ingest.lookup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;

import java.net.ConnectException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Warms the customer lookup in the background once call-ingest is up. The first request over a new HTTP client, and
 * the first requests a freshly started customer-service serves, can take longer than the lookup
 * timeout (class loading, connection set-up, JIT), so without this the first calls after a start ring without
 * their customer. Services start in any order, so a refused connection is retried every second for up to two
 * minutes; a service that answers but too slowly gets a few more tries. The circuit breaker never sees these
 * attempts, and calls are never held up by them.
 */
@Component
class LookupWarmUp {
    static final int MAX_SLOW_ANSWERS = 5;
    static final Duration BUDGET = Duration.ofMinutes(2);
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(LookupWarmUp.class);
    private static final String UNUSED_NUMBER = "+84900000000";

    private final CustomerLookup customers;

    LookupWarmUp(CustomerLookup customers) {
        this.customers = customers;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startInBackground() {
        Thread thread = new Thread(() -> warm(CustomerLookup.SERVICE, () -> customers.fetch(UNUSED_NUMBER),
                System::nanoTime, LookupWarmUp::pause), "lookup-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the attempts made until one succeeded, or 0 when none did within the budget */
    static int warm(String service, Runnable lookup, LongSupplier nanoClock, Runnable pauseBeforeRetry) {
        long started = nanoClock.getAsLong();
        int slowAnswers = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                lookup.run();
                log.info("Warmed up the {} lookup in {} ms ({} attempt(s))", service,
                        (nanoClock.getAsLong() - started) / 1_000_000, attempt);
                return attempt;
            } catch (RuntimeException e) {
                boolean refused = refused(e);
                if (!refused && ++slowAnswers >= MAX_SLOW_ANSWERS) {
                    log.warn("{} did not answer a lookup in time in {} attempts; first calls may ring without its "
                            + "data", service, slowAnswers);
                    return 0;
                }
                if (nanoClock.getAsLong() - started >= BUDGET.toNanos()) {
                    log.info("{} was not reachable within {}; its lookup stays cold until the first call",
                            service, BUDGET);
                    return 0;
                }
                log.debug("Warm-up attempt {} of the {} lookup failed", attempt, service, e);
                if (refused) {
                    pauseBeforeRetry.run();
                }
            }
        }
    }

    private static boolean refused(RuntimeException e) {
        return e instanceof ResourceAccessException && e.getCause() instanceof ConnectException;
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("warm-up interrupted", e);
        }
    }
}
