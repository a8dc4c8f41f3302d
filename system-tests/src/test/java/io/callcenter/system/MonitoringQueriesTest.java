package io.callcenter.system;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reading of the dashboard and the alert rules that {@code ObservabilityTest} checks against the running
 * services' scrapes: it must find every metric (or that test would pass on queries it never looked at).
 */
class MonitoringQueriesTest {

    @Test
    void metricNamesAreTheSelectorsOfAnExpressionNotItsFunctionsLabelsOrKeywords() {
        assertThat(MonitoringQueries.metricNames("histogram_quantile(0.99, sum by (instance, le) "
                + "(rate(callcenter_gateway_emit_delay_seconds_bucket[5m]))) > 0.5"))
                .containsExactly("callcenter_gateway_emit_delay_seconds_bucket");
        assertThat(MonitoringQueries.metricNames("max(callcenter_gateway_ready) < 1 or absent(callcenter_gateway_ready)"))
                .containsExactly("callcenter_gateway_ready");
        assertThat(MonitoringQueries.metricNames("callcenter_gateway_clients{state=\"joined\", x=~\"a(b)\"}"))
                .containsExactly("callcenter_gateway_clients");
        assertThat(MonitoringQueries.metricNames("sum by (job) (increase(a_total[15m])) / on (job) group_left b"))
                .containsExactly("a_total", "b");
    }

    @Test
    void theDashboardAndTheAlertsAreReadWhole() throws IOException {
        Map<String, String> dashboard = MonitoringQueries.dashboard();
        Map<String, String> alerts = MonitoringQueries.alerts();
        assertThat(dashboard).hasSizeGreaterThanOrEqualTo(10);
        assertThat(alerts.keySet()).contains("alert GatewayConsumerLagHigh", "alert FanoutDelayHigh",
                "alert NoGatewayReady");
        assertThat(MonitoringQueries.all().values().stream().flatMap(e -> MonitoringQueries.metricNames(e).stream()))
                .contains("callcenter_gateway_calls", "callcenter_gateway_emit_delay_seconds_bucket",
                        "callcenter_gateway_clients", "callcenter_gateway_consumer_lag",
                        "kafka_consumer_fetch_manager_records_lag_max", "callcenter_kafka_dead_letters_total",
                        "resilience4j_circuitbreaker_state", "callcenter_gateway_ready");
    }

    @Test
    void aQueriedNameNoServiceExposesIsReported() {
        assertThat(MonitoringQueries.missing(Map.of("alert X", "rate(callcenter_nope_total[5m]) > 0"),
                MonitoringQueries.exposed("# HELP a\ncallcenter_yes_total{a=\"b\"} 1.0\n")))
                .containsExactly("alert X queries callcenter_nope_total, which no service exposes");
        assertThat(MonitoringQueries.exposed("x_bucket{le=\"+Inf\"} 3\ny 1\n")).isEqualTo(Set.of("x_bucket", "y"));
    }
}
