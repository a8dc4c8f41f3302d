package io.callcenter.ingest.lookup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.callcenter.model.crm.CustomerInfo;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.util.List;
import java.util.Map;

/**
 * Finds the caller in customer-service: {@code POST /api/customers/search} with an exact phone match; the first
 * match, or null when there is none. Failures propagate, for {@link CallEnricher} to log and replace with null.
 */
public class CustomerLookup {
    static final String SERVICE = "customer-service";

    private final RestClient client;
    private final CircuitBreaker breaker;

    CustomerLookup(RestClient client, CircuitBreaker breaker) {
        this.client = client;
        this.breaker = breaker;
    }

    CustomerInfo byPhoneNumber(String phoneNumber) {
        return breaker.executeSupplier(() -> fetch(phoneNumber));
    }

    /** The lookup without the circuit breaker; {@link LookupWarmUp} uses it so warming up never opens the breaker. */
    CustomerInfo fetch(String phoneNumber) {
        Envelope<List<Customer>> response = client.post()
                .uri("/api/customers/search")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("phoneNumber", phoneNumber, "exactMatch", true))
                .retrieve()
                .body(new ParameterizedTypeReference<>() {
                });
        if (response == null || response.data() == null || response.data().isEmpty()) {
            return null;
        }
        Customer c = response.data().get(0);
        return new CustomerInfo(c.id(), c.fullName(), c.phoneNumber(), c.email(), c.cif());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Envelope<T>(boolean success, T data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Customer(long id, String fullName, String phoneNumber, String email, String cif) {
    }
}
