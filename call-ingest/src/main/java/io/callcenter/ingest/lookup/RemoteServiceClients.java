package io.callcenter.ingest.lookup;

import io.callcenter.ingest.IngestProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP clients of customer-service and agent-directory, each bounded by {@code callcenter.ingest.lookup-timeout}
 * and guarded by its own circuit breaker: after half of the last 20 lookups failed (at least 10), the breaker opens
 * for 10 s and calls ring at once without that lookup instead of each waiting for the timeout.
 */
@Configuration(proxyBeanMethods = false)
class RemoteServiceClients {
    /** Two lookups per call: 16 calls looked up at once before the next waits for a thread. */
    static final int LOOKUP_THREADS = 32;

    @Bean
    CircuitBreakerRegistry lookupCircuitBreakers(IngestProperties ingest, ObjectProvider<MeterRegistry> meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(ingest.lookupTimeout())
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(3)
                .build());
        meters.ifAvailable(m -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(m));
        return registry;
    }

    @Bean
    CustomerLookup customerLookup(IngestProperties ingest, CircuitBreakerRegistry breakers,
                                  ObjectProvider<ObservationRegistry> observations) {
        return new CustomerLookup(restClient(ingest, ingest.customerServiceUrl().toString(), observations),
                breakers.circuitBreaker(CustomerLookup.SERVICE));
    }

    @Bean
    AgentSuggestion agentSuggestion(IngestProperties ingest, CircuitBreakerRegistry breakers,
                                    ObjectProvider<ObservationRegistry> observations) {
        return new AgentSuggestion(restClient(ingest, ingest.agentDirectoryUrl().toString(), observations),
                breakers.circuitBreaker(AgentSuggestion.SERVICE));
    }

    /**
     * Runs the two lookups of one call side by side; bounded, so a burst cannot pile up threads. Core = max because a
     * pool only grows past its core size once its queue is full: with 4 core threads a burst of calls queued behind
     * four lookups and timed out, ringing without a customer while the service was healthy. Idle threads still end.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService lookupExecutor() {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1_000), task -> {
                    Thread thread = new Thread(task, "lookup-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * A blocking {@code HttpURLConnection} (kept-alive connections reused by the JDK) rather than the JDK
     * {@code HttpClient}: a lookup then runs entirely on the lookup thread, where the asynchronous client hands each
     * request to its selector thread and the response to another executor, hops that cost milliseconds each on a busy
     * machine. {@link CallEnricher} bounds the whole lookup; these timeouts only free the thread. Observed: each
     * request is a client span of the call's trace and carries its {@code traceparent}.
     */
    private static RestClient restClient(IngestProperties ingest, String baseUrl,
                                         ObjectProvider<ObservationRegistry> observations) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(ingest.lookupTimeout());
        factory.setReadTimeout(ingest.lookupTimeout());
        return RestClient.builder().baseUrl(baseUrl).requestFactory(factory)
                .observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP)).build();
    }
}
