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
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP client of customer-service, bounded by {@code callcenter.ingest.lookup-timeout} and guarded by a circuit
 * breaker: after half of the last 20 lookups failed (at least 10), the breaker opens for 10 s and calls ring at once
 * without the customer instead of each waiting for the timeout. (The suggested agent needs no request:
 * {@link io.callcenter.ingest.agents.AvailableAgents}.)
 */
@Configuration(proxyBeanMethods = false)
class RemoteServiceClients {
    /** One lookup per call: 32 calls looked up at once before the next waits for a thread. */
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
                                  CloseableHttpClient lookupHttpClient,
                                  ObjectProvider<ObservationRegistry> observations) {
        return new CustomerLookup(restClient(lookupHttpClient, ingest.customerServiceUrl().toString(), observations),
                breakers.circuitBreaker(CustomerLookup.SERVICE));
    }

    /**
     * Runs the customer lookups off the request threads, so a call waits no longer than its deadline; bounded, so a
     * burst cannot pile up threads. Core = max because a pool only grows past its core size once its queue is full:
     * with 4 core threads a burst of calls queued behind four lookups and timed out, ringing without a customer
     * while the service was healthy. Idle threads still end.
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
     * A pooled, blocking Apache HttpClient for the lookups. Blocking, so a lookup runs entirely on its lookup
     * thread (the JDK {@code HttpClient} hands each request to its selector thread and the response to another
     * executor: hops that cost milliseconds each on a busy machine). Apache's rather than {@code HttpURLConnection}:
     * that one writes a POST's headers and body in two TCP segments without {@code TCP_NODELAY}, and the customer
     * search (a POST) took 2.0-2.5 ms at p50 where this client takes 0.8-1.0 ms against the same warm
     * customer-service (BENCHMARKS.md, issue 21). {@link CallEnricher} bounds the whole lookup; these timeouts only
     * free the thread. A kept-alive connection the service may have closed is checked after 1 s idle, and a lookup
     * that still meets a closed connection is retried once at once (the customer search is a read, though a POST).
     */
    @Bean(destroyMethod = "close")
    CloseableHttpClient lookupHttpClient(IngestProperties ingest) {
        Timeout timeout = Timeout.of(ingest.lookupTimeout());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(LOOKUP_THREADS)
                        .setMaxConnTotal(LOOKUP_THREADS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .build())
                .setRetryStrategy(new ReadsRetriedOnce())
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** Observed: each request is a client span of the call's trace and carries its {@code traceparent}. */
    private static RestClient restClient(CloseableHttpClient httpClient, String baseUrl,
                                         ObjectProvider<ObservationRegistry> observations) {
        return RestClient.builder().baseUrl(baseUrl)
                .requestFactory(new HttpComponentsClientHttpRequestFactory(httpClient))
                .observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP)).build();
    }

    /** The lookups only read, so a request that met a closed kept-alive connection is sent again, once, at once. */
    static final class ReadsRetriedOnce extends DefaultHttpRequestRetryStrategy {
        ReadsRetriedOnce() {
            super(1, TimeValue.ZERO_MILLISECONDS);
        }

        @Override
        protected boolean handleAsIdempotent(HttpRequest request) {
            return true;
        }
    }
}
