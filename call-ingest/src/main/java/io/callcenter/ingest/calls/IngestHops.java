package io.callcenter.ingest.calls;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code callcenter.ingest.hop{hop}}: histograms of a new call's steps inside call-ingest, from the
 * {@link io.callcenter.model.serde.TimingHeaders} its records carry (issue 21's per-hop breakdown; the gateway
 * records the later hops in {@code callcenter.gateway.hop}). Buckets from 0.1 ms.
 */
final class IngestHops {
    private IngestHops() {
    }

    static Timer timer(MeterRegistry registry, String hop, String description) {
        return Timer.builder("callcenter.ingest.hop").tag("hop", hop).description(description)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    }

    static void record(Timer timer, long micros) {
        if (timer != null) {
            timer.record(Math.max(0, micros), TimeUnit.MICROSECONDS);
        }
    }
}
