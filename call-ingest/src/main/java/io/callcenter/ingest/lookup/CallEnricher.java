package io.callcenter.ingest.lookup;

import io.callcenter.ingest.IngestProperties;
import io.callcenter.ingest.agents.AvailableAgents;
import io.callcenter.kit.observability.KafkaTracing;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CustomerInfo;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Adds what CRMs show with a new call: the caller's customer record and a suggested agent. The customer is looked up
 * in customer-service, bounded by {@code lookup-timeout} (plus a small grace for scheduling); a lookup that fails, is
 * slow or whose circuit is open is logged as a warning and yields null, and the call still rings. It runs in the
 * request's trace, so customer-service's span of it belongs to the call's trace. The suggested agent, the longest
 * idle available one, is read meanwhile from {@link AvailableAgents}, this instance's copy of agent-directory's
 * status events (null when nobody is available), without a request.
 */
@Component
public class CallEnricher {
    private static final Logger log = LoggerFactory.getLogger(CallEnricher.class);
    private static final Duration GRACE = Duration.ofMillis(50);

    private final CustomerLookup customers;
    private final AvailableAgents agents;
    private final ExecutorService executor;
    private final Duration timeout;
    private final KafkaTracing tracing;

    CallEnricher(CustomerLookup customers, AvailableAgents agents, ExecutorService lookupExecutor,
                 IngestProperties ingest, KafkaTracing tracing) {
        this.tracing = tracing;
        this.customers = customers;
        this.agents = agents;
        this.executor = lookupExecutor;
        this.timeout = ingest.lookupTimeout().plus(GRACE);
    }

    public Enrichment enrich(String callId, String callerNumber) {
        String traceparent = tracing.currentTraceparent();
        CompletableFuture<CustomerInfo> customer = submit(traceparent, CustomerLookup.SERVICE,
                () -> customers.byPhoneNumber(callerNumber));
        long deadline = System.nanoTime() + timeout.toNanos();
        AgentInfo agent = agents.longestIdle();
        return new Enrichment(await(customer, deadline, CustomerLookup.SERVICE, "customerInfo", callId), agent);
    }

    /** On a lookup thread, in the request's trace (the lookup's HTTP client span and request continue it). */
    private <T> CompletableFuture<T> submit(String traceparent, String service, Supplier<T> lookup) {
        Supplier<T> traced = traceparent == null ? lookup : () -> tracing.inTrace(traceparent, "lookup " + service,
                lookup);
        try {
            return CompletableFuture.supplyAsync(traced, executor);
        } catch (RuntimeException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
    }

    private <T> T await(CompletableFuture<T> lookup, long deadline, String service, String field, String callId) {
        try {
            return lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            log.warn("Call {}: {} did not answer within {}; {} is null", callId, service, timeout, field);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CallNotPermittedException) {
                log.warn("Call {}: circuit breaker for {} is open; {} is null", callId, service, field);
            } else {
                log.warn("Call {}: {} lookup failed ({}); {} is null", callId, service, cause.toString(), field);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Call {}: interrupted while waiting for {}; {} is null", callId, service, field);
        } catch (RuntimeException e) {
            log.warn("Call {}: {} lookup failed ({}); {} is null", callId, service, e.toString(), field);
        }
        return null;
    }

    /** The lookups' results; either may be null. */
    public record Enrichment(CustomerInfo customerInfo, AgentInfo suggestedAgent) {
    }
}
