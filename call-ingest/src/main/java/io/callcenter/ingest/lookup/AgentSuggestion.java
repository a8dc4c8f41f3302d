package io.callcenter.ingest.lookup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.callcenter.model.crm.AgentInfo;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import java.util.List;

/**
 * Suggests the longest-idle available agent for a new call: agent-directory's
 * {@code GET /api/agents/available?limit=1} (sorted longest-idle first), or null when nobody is available. A
 * suggestion only: the call rings for every CRM and the first valid answer wins.
 */
public class AgentSuggestion {
    static final String SERVICE = "agent-directory";

    private final RestClient client;
    private final CircuitBreaker breaker;

    AgentSuggestion(RestClient client, CircuitBreaker breaker) {
        this.client = client;
        this.breaker = breaker;
    }

    AgentInfo longestIdle() {
        return breaker.executeSupplier(this::fetch);
    }

    /** The lookup without the circuit breaker; {@link LookupWarmUp} uses it so warming up never opens the breaker. */
    AgentInfo fetch() {
        CustomerLookup.Envelope<List<Agent>> response = client.get()
                .uri("/api/agents/available?limit=1")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {
                });
        if (response == null || response.data() == null || response.data().isEmpty()) {
            return null;
        }
        Agent a = response.data().get(0);
        return new AgentInfo(a.id(), a.userId(), a.fullName(), a.status());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Agent(int id, int userId, String fullName, String status) {
    }
}
