package io.callcenter.gateway.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayMetricsTest {

    @Test
    void clientGaugesKeepReadingAfterGarbageCollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry);
        AtomicInteger joined = new AtomicInteger(7);
        metrics.clientGauges(() -> 3, joined::get);
        metrics.consumerLagGauge(() -> 11);

        for (int i = 0; i < 5; i++) {
            System.gc(); // a weakly held lambda would be collected and the gauge would read NaN
        }

        assertThat(registry.get("callcenter.gateway.clients").tag("state", "connected").gauge().value()).isEqualTo(3);
        assertThat(registry.get("callcenter.gateway.clients").tag("state", "joined").gauge().value()).isEqualTo(7);
        assertThat(registry.get("callcenter.gateway.consumer.lag").gauge().value()).isEqualTo(11);
    }
}
