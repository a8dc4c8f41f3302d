package io.callcenter.gateway.fanout;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code fanout}, in the readiness group (what the edge and compose check): up
 * once the fan-out consumer has its partitions assigned and has rebuilt the views from Kafka, so a CRM sent here
 * gets every ringing call and every live event; {@code OUT_OF_SERVICE} before that, while it reconnects to Kafka, and
 * after it stopped (drain). Its lag is a detail, not a condition: a gateway behind is still better than none.
 */
@Component("fanout")
class FanoutHealthIndicator implements HealthIndicator {
    private final FanoutConsumer consumer;

    FanoutHealthIndicator(FanoutConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public Health health() {
        return (consumer.isLive() ? Health.up() : Health.outOfService())
                .withDetail("lag", consumer.lag())
                .build();
    }
}
