package io.callcenter.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Missing settings fall back to the documented defaults; a setting that cannot work stops the start, named. */
class GatewayPropertiesTest {

    @Test
    void missingSettingsTakeTheDefaults() {
        GatewayProperties properties = withMaxQueuedEvents(null);

        assertThat(properties.port()).isEqualTo(8000);
        assertThat(properties.maxQueuedEvents()).isEqualTo(4096);
        assertThat(properties.slowClient().maxPendingBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void aQueueLimitBelowOneIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> withMaxQueuedEvents(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callcenter.gateway.max-queued-events")
                .hasMessageContaining("CALLCENTER_GATEWAY_MAXQUEUEDEVENTS");
    }

    private static GatewayProperties withMaxQueuedEvents(Integer maxQueuedEvents) {
        return new GatewayProperties(null, "test", null, null, null, null, null, null, null, null, null, null,
                null, null, null, maxQueuedEvents);
    }
}
