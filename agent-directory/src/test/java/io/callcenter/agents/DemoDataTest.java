package io.callcenter.agents;

import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.serde.AgentEventDeserializer;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code demo} profile, as the local run uses it, in a schema of its own. */
@RealInfrastructure
class DemoDataTest {

    @Test
    void demoProfileCreatesAgentsAndPublishesTheirCreation() throws Exception {
        try (TopicRecorder<AgentEvent> events = TopicRecorder.fromNow(Topics.AGENT_EVENTS,
                new AgentEventDeserializer());
             IsolatedApplication app = new IsolatedApplication("demo").start("--spring.profiles.active=demo")) {

            JsonNode all = app.api().get("/api/agents/status").data();
            Map<Integer, String> names = new java.util.TreeMap<>();
            all.forEach(a -> names.put(a.get("id").asInt(), a.get("fullName").asString()));
            assertThat(names).hasSizeGreaterThanOrEqualTo(5).containsEntry(1, "Admin User")
                    .containsValues("Nguyễn Thị Lan", "Trần Văn Minh");
            List<Integer> available = new ArrayList<>();
            app.api().get("/api/agents/available").data().forEach(a -> available.add(a.get("id").asInt()));
            assertThat(available).startsWith(1, 2, 3);

            List<AgentEvent> created = events.awaitValues(
                    e -> e instanceof AgentStatusChanged c && names.get(c.agentId()) != null
                            && names.get(c.agentId()).equals(c.agentName()) && c.previousStatus() == null,
                    names.size(), Duration.ofSeconds(30));
            Map<Integer, String> statuses = created.stream().map(AgentStatusChanged.class::cast)
                    .collect(Collectors.toMap(AgentStatusChanged::agentId, AgentStatusChanged::status, (a, b) -> a));
            assertThat(statuses).containsOnlyKeys(names.keySet()).containsEntry(1, "available");

            // ids continue after the demo rows
            ApiClient.Response next = app.api().post("/api/agents",
                    "{\"userId\": 900, \"fullName\": \"Mới\", \"extension\": \"1900\"}");
            assertThat(next.status()).isEqualTo(201);
            assertThat(next.data().get("id").asInt()).isGreaterThan(names.keySet().stream().mapToInt(i -> i).max()
                    .orElseThrow());
        }
    }
}
