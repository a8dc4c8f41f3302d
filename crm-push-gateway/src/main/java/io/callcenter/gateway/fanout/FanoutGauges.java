package io.callcenter.gateway.fanout;

import io.callcenter.gateway.metrics.GatewayMetrics;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/**
 * The gauges of this instance's view for the dashboard and alerts: {@code callcenter.gateway.calls{state}} (ringing
 * and connected calls) and {@code callcenter.gateway.ready} (readiness accepting traffic and the fan-out live: the
 * same condition as {@code /actuator/health/readiness}).
 */
@Component
class FanoutGauges {
    FanoutGauges(ActiveCalls calls, FanoutConsumer consumer, ApplicationAvailability availability,
                 GatewayMetrics metrics) {
        metrics.callGauges(calls::ringingCount, calls::connectedCount);
        metrics.readyGauge(() -> consumer.isLive()
                && availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
    }
}
