package io.callcenter.agents;

import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.serde.AgentEventDeserializer;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared set-up of the integration tests: the real service on a random port against the real broker and database,
 * a recorder on the agent-events topic started before each test, and helpers that create the agents a test needs
 * (every test class shares one database, so a test only looks at its own agents).
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AgentDirectoryIntegrationTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger UNIQUE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TopicRecorder<AgentEvent> agentEvents;

    @BeforeEach
    void recordAgentEvents() {
        agentEvents = TopicRecorder.fromNow(Topics.AGENT_EVENTS, new AgentEventDeserializer());
    }

    @AfterEach
    void stopRecording() throws InterruptedException {
        agentEvents.close();
    }

    ApiClient.Response get(String path) {
        return new ApiClient(port).get(path);
    }

    ApiClient.Response post(String path, String json) {
        return new ApiClient(port).post(path, json);
    }

    ApiClient.Response put(String path, String json) {
        return new ApiClient(port).put(path, json);
    }

    static int unique() {
        return UNIQUE.incrementAndGet();
    }

    /** Creates an available agent through the API and waits for its creation event; returns its id. */
    int createAgent(String fullName) {
        return createAgent(fullName, "available");
    }

    int createAgent(String fullName, String status) {
        int n = unique();
        ApiClient.Response created = post("/api/agents", """
                {"userId": %d, "fullName": "%s", "extension": "x%d", "status": "%s"}"""
                .formatted(n, fullName, n, status));
        assertThat(created.status()).as("create agent: %s", created.body()).isEqualTo(201);
        int id = created.data().get("id").asInt();
        awaitEvents(id, 1);
        return id;
    }

    /** Waits until at least {@code count} events have been published for the agent and returns them all, in order. */
    List<AgentStatusChanged> awaitEvents(int agentId, int count) {
        org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> eventsFor(agentId).size() >= count);
        return eventsFor(agentId);
    }

    /** Every event published for the agent since the test started, in order. */
    List<AgentStatusChanged> eventsFor(int agentId) {
        return agentEvents.values().stream()
                .filter(e -> e instanceof AgentStatusChanged c && c.agentId() == agentId)
                .map(AgentStatusChanged.class::cast)
                .toList();
    }

    String statusInDatabase(int agentId) {
        return jdbc.sql("SELECT status FROM agents WHERE id = ?").param(agentId).query(String.class).single();
    }

    int outboxRowsFor(int agentId) {
        return jdbc.sql("SELECT count(*) FROM agent_outbox WHERE agent_id = ?").param(agentId)
                .query(Integer.class).single();
    }

    int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }
}
