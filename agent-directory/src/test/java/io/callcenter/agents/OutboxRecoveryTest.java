package io.callcenter.agents;

import io.callcenter.model.ContractRecord;
import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.serde.AgentEventDeserializer;
import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change committed just before a crash, never published, is published when the service starts again, and rows
 * published before the restart are not published again.
 */
@RealInfrastructure
class OutboxRecoveryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void changeCommittedBeforeACrashIsPublishedAfterRestartAndNothingElseIsRepublished() throws Exception {
        try (IsolatedApplication app = new IsolatedApplication("recovery")) {
            int id;
            int userId = 4242;
            try (TopicRecorder<AgentEvent> beforeCrash = recorder()) {
                app.start();
                ApiClient.Response created = app.api().post("/api/agents",
                        "{\"userId\": 4242, \"fullName\": \"Lý Thị Thu\", \"extension\": \"2001\"}");
                assertThat(created.status()).isEqualTo(201);
                id = created.data().get("id").asInt();
                beforeCrash.awaitValues(e -> isAgentInSchema(e, id, "Lý Thị Thu"), 1, TIMEOUT);
                app.stop();
            }

            // the service committed a change and died before its relay sent it
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            AgentStatusChanged pending = new AgentStatusChanged(UUID.randomUUID(), at, ContractRecord.SCHEMA_VERSION,
                    id, userId, "Lý Thị Thu", "away", "available", null);
            commitChangeWithoutPublishing(app, pending);

            try (TopicRecorder<AgentEvent> afterRestart = recorder()) {
                app.start();

                assertThat(afterRestart.awaitValues(pending::equals, 1, TIMEOUT)).containsExactly(pending);
                ApiClient.Response offline = app.api().put("/api/agents/" + id + "/status",
                        "{\"status\":\"offline\"}");
                assertThat(offline.status()).isEqualTo(200);
                afterRestart.awaitValues(e -> isAgentInSchema(e, id, "Lý Thị Thu")
                        && ((AgentStatusChanged) e).status().equals("offline"), 1, TIMEOUT);

                List<AgentEvent> forAgent = afterRestart.values().stream()
                        .filter(e -> isAgentInSchema(e, id, "Lý Thị Thu")).toList();
                assertThat(forAgent).extracting(e -> ((AgentStatusChanged) e).status())
                        .containsExactly("away", "offline");
                await().atMost(TIMEOUT).until(() -> unpublishedRows(app) == 0);
            }
        }
    }

    private static boolean isAgentInSchema(AgentEvent event, int id, String name) {
        return event instanceof AgentStatusChanged c && c.agentId() == id && c.agentName().equals(name)
                && c.userId() == 4242;
    }

    private static TopicRecorder<AgentEvent> recorder() {
        return TopicRecorder.fromNow(Topics.AGENT_EVENTS, new AgentEventDeserializer());
    }

    private static void commitChangeWithoutPublishing(IsolatedApplication app, AgentStatusChanged change)
            throws Exception {
        try (Connection c = connect(app)) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE agents SET status = 'away', status_changed_at = ? WHERE id = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO agent_outbox (agent_id, payload) VALUES (?, CAST(? AS jsonb))")) {
                update.setObject(1, OffsetDateTime.ofInstant(change.occurredAt(), ZoneOffset.UTC));
                update.setInt(2, change.agentId());
                assertThat(update.executeUpdate()).isEqualTo(1);
                insert.setInt(1, change.agentId());
                insert.setString(2, CallcenterJson.mapper().writeValueAsString(change));
                insert.executeUpdate();
            }
            c.commit();
        }
    }

    private static int unpublishedRows(IsolatedApplication app) throws Exception {
        try (Connection c = connect(app);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM agent_outbox WHERE published_at IS NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection connect(IsolatedApplication app) throws Exception {
        return DriverManager.getConnection(app.jdbcUrl(), System.getProperty("spring.datasource.username"),
                System.getProperty("spring.datasource.password"));
    }
}
