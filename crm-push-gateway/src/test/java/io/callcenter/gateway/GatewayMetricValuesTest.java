package io.callcenter.gateway;

import io.callcenter.testing.RealInfrastructure;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The Prometheus metrics on the management port count what actually happened, not just exist: a join moves the
 * joined-clients gauge, delivered events move the per-event counter, and each broadcast records its occurredAt-to-emit
 * delay. A dedicated gateway (no replay, so its join resends no old ringing calls) keeps the deltas its own.
 */
@RealInfrastructure
class GatewayMetricValuesTest {
    private static final String JOINED = "callcenter_gateway_clients";
    private static final String DELIVERED = "callcenter_gateway_events_delivered_total";
    private static final String EMIT_DELAY_COUNT = "callcenter_gateway_emit_delay_seconds_count";
    private static final int EVENTS = 5;

    @Test
    void aJoinAndDeliveredIncomingCallsMoveTheJoinedGaugeTheDeliveredCounterAndTheEmitDelayHistogram()
            throws Exception {
        try (GatewayInstance gateway = GatewayInstance.start("gw-metrics-" + ProcessHandle.current().pid(),
                Map.of("callcenter.gateway.replay-window", "0s"))) {
            PrometheusScrape before = PrometheusScrape.of(gateway);

            try (JavaCrmClient crm = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
                crm.join();
                List<Object> events = new ArrayList<>();
                List<String> callIds = new ArrayList<>();
                for (int i = 0; i < EVENTS; i++) {
                    String callId = TestEvents.newCallId();
                    callIds.add(callId);
                    events.add(TestEvents.incoming(callId));
                }
                TestEvents.publish(events.toArray());
                for (String callId : callIds) {
                    crm.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(callId));
                }

                // the delivered counter is added right after the writes and the emit delay right after the
                // broadcast: both may trail the client's receipt by a moment
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    PrometheusScrape after = PrometheusScrape.of(gateway);
                    SoftAssertions.assertSoftly(soft -> {
                        soft.assertThat(after.value(JOINED, "state=\"joined\"")
                                - before.value(JOINED, "state=\"joined\"")).as("joined clients gauge delta")
                                .isEqualTo(1.0);
                        soft.assertThat(after.value(DELIVERED, "event=\"incoming_call_to_crm\"")
                                - before.value(DELIVERED, "event=\"incoming_call_to_crm\""))
                                .as("delivered incoming_call_to_crm delta").isGreaterThanOrEqualTo(EVENTS);
                        soft.assertThat(after.value(EMIT_DELAY_COUNT) - before.value(EMIT_DELAY_COUNT))
                                .as("emit delay histogram count delta").isGreaterThanOrEqualTo(EVENTS);
                    });
                });
            }
        }
    }
}
