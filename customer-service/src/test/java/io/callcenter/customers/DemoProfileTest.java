package io.callcenter.customers;

import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@RealInfrastructure
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoProfileTest {
    @LocalServerPort
    int port;

    @Test
    void demoProfileProvidesTheGuidesCustomerFindableByEverySpelling() {
        Api api = new Api(port);
        for (String spelling : new String[]{"0912345678", "+84912345678", "84912345678", "091 234 5678"}) {
            JsonNode found = api.search(spelling, true).data();
            assertThat(found.valueStream().map(c -> c.get("cif").asString())).as(spelling).contains("CIF001230022");
        }
        JsonNode customer = api.get("/api/customers/by-cif/CIF001230022").data();
        assertThat(customer.get("fullName").asString()).isEqualTo("Nguyễn Văn A");
        assertThat(customer.get("phoneNumber").asString()).isEqualTo("0912345678");
        assertThat(customer.get("email").asString()).isEqualTo("nguyenvana@email.com");
        for (CustomerRequest demo : DemoCustomers.CUSTOMERS) {
            assertThat(api.get("/api/customers/by-cif/" + demo.cif()).data().get("fullName").asString())
                    .isEqualTo(demo.fullName());
        }
    }
}
