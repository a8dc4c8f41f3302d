package io.callcenter.customers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerPropertiesTest {
    @Test
    void defaultsApplyWhenNothingIsConfigured() {
        CustomerProperties properties = new CustomerProperties(null, null, null, null, null);

        assertThat(properties.defaultRegion()).isEqualTo("VN");
        assertThat(properties.partialSearchLimit()).isEqualTo(20);
        assertThat(properties.partialSearchMinDigits()).isEqualTo(4);
    }

    @Test
    void partialSearchMinimumBelowFourDigitsIsRefusedNamingTheProperty() {
        // the phone suffix table holds suffixes of 5+ digits; a shorter query could miss numbers containing it
        assertThatThrownBy(() -> new CustomerProperties("VN", 20, 3, 50_000, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callcenter.customers.partial-search-min-digits");
    }
}
