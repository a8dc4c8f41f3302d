package io.callcenter.gateway.metrics;

import io.callcenter.model.serde.TimingHeaders;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.common.header.Headers;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's Micrometer meters, scraped on the management port ({@code /actuator/prometheus}):
 * {@code callcenter.gateway.clients{state=connected|joined}}, {@code callcenter.gateway.events.delivered{event}}
 * (one per recipient, added once per broadcast and event loop), {@code callcenter.gateway.events.encoded{event}}
 * (one per JSON encode, whatever the number of recipients), {@code callcenter.gateway.emit.delay} (event
 * occurredAt to emit, histogram), {@code callcenter.gateway.loop.queue.delay} (a write's wait for its event loop, from
 * hand-over to writing, histogram), {@code callcenter.gateway.loop.flushed.delay} (hand-over until flushed to every
 * recipient socket on that loop, histogram: with the emit delay, the time from occurredAt to the kernel),
 * {@code callcenter.gateway.loop.queue.events} (events waiting in those queues),
 * {@code callcenter.gateway.slow.clients{action=dropped|disconnected}}, {@code callcenter.gateway.commands{event,outcome}}
 * and {@code callcenter.gateway.consumer.lag} (records behind the end of call-events and agent-events);
 * {@code callcenter.gateway.calls{state=ringing|connected}} (this instance's view), {@code callcenter.gateway.calls.answer.time}
 * (ringing to answered, histogram; every instance records each live answer) and {@code callcenter.gateway.ready}
 * (1 while this instance is ready for CRMs, what the "no gateway ready" alert watches).
 */
@Component
public class GatewayMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> delivered = new ConcurrentHashMap<>();
    private final Map<String, Timer> hops = new ConcurrentHashMap<>();
    private final Timer emitDelay;
    private final Timer loopQueueDelay;
    private final Timer loopFlushedDelay;
    private final Timer answerTime;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.emitDelay = histogram("callcenter.gateway.emit.delay",
                "Time from an event's occurredAt to its emit to the joined clients");
        this.loopQueueDelay = histogram("callcenter.gateway.loop.queue.delay",
                "Time a write waits for its event loop, from hand-over to writing");
        this.loopFlushedDelay = histogram("callcenter.gateway.loop.flushed.delay",
                "Time from handing a write to its event loop until it is flushed to all its sockets");
        this.answerTime = histogram("callcenter.gateway.calls.answer.time",
                "Time from a call's start (ringing) to its answer");
    }

    private Timer histogram(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram().register(registry);
    }

    public void clientGauges(Supplier<Number> connected, Supplier<Number> joined) {
        gauge("callcenter.gateway.clients", Tags.of("state", "connected"), connected);
        gauge("callcenter.gateway.clients", Tags.of("state", "joined"), joined);
    }

    public void loopQueueGauge(Supplier<Number> queued) {
        gauge("callcenter.gateway.loop.queue.events", Tags.empty(), queued);
    }

    public void callGauges(Supplier<Number> ringing, Supplier<Number> connected) {
        gauge("callcenter.gateway.calls", Tags.of("state", "ringing"), ringing);
        gauge("callcenter.gateway.calls", Tags.of("state", "connected"), connected);
    }

    /** 1 while this instance is ready for CRMs (readiness accepting traffic, fan-out live), else 0. */
    public void readyGauge(Supplier<Boolean> ready) {
        gauge("callcenter.gateway.ready", Tags.empty(), () -> ready.get() ? 1 : 0);
    }

    public void answered(Instant ringingSince, Instant answeredAt) {
        if (ringingSince != null && answeredAt != null) {
            Duration wait = Duration.between(ringingSince, answeredAt);
            answerTime.record(wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    public void consumerLagGauge(Supplier<Number> lag) {
        gauge("callcenter.gateway.consumer.lag", Tags.empty(), lag);
    }

    /** Held strongly: Micrometer keeps gauge objects weakly, and a lambda nobody else holds would read NaN. */
    private void gauge(String name, Tags tags, Supplier<Number> value) {
        Gauge.builder(name, value, s -> s.get().doubleValue()).tags(tags).strongReference(true).register(registry);
    }

    public void delivered(String event) {
        delivered(event, 1);
    }

    /** {@code recipients} clients were handed this event: one counter add for a whole broadcast. */
    public void delivered(String event, long recipients) {
        if (recipients <= 0) {
            return;
        }
        delivered.computeIfAbsent(event, e -> Counter.builder("callcenter.gateway.events.delivered")
                .description("Events written to a client, one per recipient")
                .tag("event", e).register(registry)).increment(recipients);
    }

    /** One per JSON encode of an outgoing event: lets a test prove a broadcast encodes once, not per recipient. */
    public void encoded(String event) {
        registry.counter("callcenter.gateway.events.encoded", "event", event).increment();
    }

    public void emitted(Instant occurredAt) {
        if (occurredAt != null) {
            Duration delay = Duration.between(occurredAt, Instant.now());
            emitDelay.record(delay.isNegative() ? Duration.ZERO : delay);
        }
    }

    /**
     * {@code callcenter.gateway.hop{hop}} from a live record's {@link TimingHeaders} (a new call's
     * {@code IncomingCall}; issue 21's per-hop breakdown): {@code lookups} (POST received in call-ingest until its
     * StartCall was handed to the producer), {@code command} (handed to the producer until the Streams processor made
     * the IncomingCall: produce, fetch, process), {@code commit} (made until this consumer's poll returned it:
     * transaction commit and the read_committed fetch), {@code total} (POST received until consumed here).
     * {@link #dispatched} adds {@code dispatch} (consumed until handed to the event loops); the rest, until the
     * sockets are written, is {@code callcenter.gateway.loop.flushed.delay}. Records without the headers: no-op.
     *
     * @return whether the record carried the headers (counted for {@link #dispatched})
     */
    public boolean hops(Headers headers, long consumedMicros) {
        long processed = TimingHeaders.read(headers, TimingHeaders.PROCESSED);
        if (processed < 0) {
            return false;
        }
        long received = TimingHeaders.read(headers, TimingHeaders.RECEIVED);
        long sent = TimingHeaders.read(headers, TimingHeaders.SENT);
        if (received >= 0 && sent >= 0) {
            hop("lookups", sent - received);
            hop("command", processed - sent);
            hop("total", consumedMicros - received);
        }
        hop("commit", consumedMicros - processed);
        return true;
    }

    /** {@code records} timed records of one poll were handed to the event loops {@code micros} after the poll. */
    public void dispatched(int records, long micros) {
        for (int i = 0; i < records; i++) {
            hop("dispatch", micros);
        }
    }

    private void hop(String hop, long micros) {
        hops.computeIfAbsent(hop, h -> Timer.builder("callcenter.gateway.hop").tag("hop", h)
                .description("A new call's steps from the TimingHeaders its IncomingCall carries")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry))
                .record(Math.max(0, micros), TimeUnit.MICROSECONDS);
    }

    public void loopQueueDelay(long nanos) {
        loopQueueDelay.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void loopFlushedDelay(long nanos) {
        loopFlushedDelay.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void slowClient(String action) {
        registry.counter("callcenter.gateway.slow.clients", "action", action).increment();
    }

    /** Acknowledgements waiting for call-ingest's decision. */
    public void pendingAcksGauge(Supplier<Number> pending) {
        Gauge.builder("callcenter.gateway.commands.pending.acks", pending).register(registry);
    }

    public void command(String event, String outcome) {
        registry.counter("callcenter.gateway.commands", "event", event, "outcome", outcome).increment();
    }

    public double slowClientCount(String action) {
        Counter counter = registry.find("callcenter.gateway.slow.clients").tag("action", action).counter();
        return counter == null ? 0 : counter.count();
    }
}
