package io.callcenter.agents;

import io.callcenter.model.ContractRecord;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.serde.CallcenterJson;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class OutboxTest extends AgentDirectoryIntegrationTest {

    @Autowired
    AgentService service;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Housekeeping housekeeping;

    @Test
    void rolledBackChangeIsNotStoredAndPublishesNothing() {
        int id = createAgent("Nguyễn Văn An");

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            service.changeStatus(id, AgentStatus.AWAY);
            throw new IllegalStateException("simulated failure after the change");
        })).hasMessageContaining("simulated failure");

        assertThat(statusInDatabase(id)).isEqualTo("available");
        assertThat(outboxRowsFor(id)).isEqualTo(1);
        // a committed change afterwards is published; the relay keeps order, so a leaked "away" would come first
        assertThat(put("/api/agents/" + id + "/status", "{\"status\":\"offline\"}").status()).isEqualTo(200);
        List<AgentStatusChanged> events = awaitEvents(id, 2);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).previousStatus()).isEqualTo("available");
        assertThat(events.get(1).status()).isEqualTo("offline");
    }

    @Test
    void rowCommittedWithoutWakingTheRelayIsPublishedByItsPolling() {
        int id = createAgent("Trần Thị Bích");
        JsonNode agent = get("/api/agents/" + id).data();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AgentStatusChanged change = new AgentStatusChanged(UUID.randomUUID(), at, ContractRecord.SCHEMA_VERSION, id,
                agent.get("userId").asInt(), "Trần Thị Bích", "away", "available", null);

        // written the way the service writes it, but by someone who then "crashed" before waking the relay
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.sql("UPDATE agents SET status = 'away', status_changed_at = ? WHERE id = ?")
                    .params(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), id).update();
            jdbc.sql("INSERT INTO agent_outbox (agent_id, payload) VALUES (?, CAST(? AS jsonb))")
                    .params(id, CallcenterJson.mapper().writeValueAsString(change)).update();
        });

        assertThat(awaitEvents(id, 2).get(1)).isEqualTo(change);
        await().atMost(TIMEOUT).until(() -> jdbc.sql(
                        "SELECT count(*) FROM agent_outbox WHERE agent_id = ? AND published_at IS NULL")
                .param(id).query(Integer.class).single() == 0);
        assertThat(get("/api/agents/" + id).data().get("status").asString()).isEqualTo("away");
    }

    @Test
    void housekeepingDeletesOnlyWhatIsOlderThanItsRetention() {
        int id = createAgent("Mai Văn Phúc");
        String payload = "{\"type\":\"AgentStatusChanged\"}";
        long old = jdbc.sql("INSERT INTO agent_outbox (agent_id, payload, created_at, published_at)"
                        + " VALUES (?, CAST(? AS jsonb), now() - interval '9 days', now() - interval '8 days')"
                        + " RETURNING id")
                .params(id, payload).query(Long.class).single();
        long recent = jdbc.sql("INSERT INTO agent_outbox (agent_id, payload, published_at)"
                        + " VALUES (?, CAST(? AS jsonb), now() - interval '1 day') RETURNING id")
                .params(id, payload).query(Long.class).single();
        UUID oldEvent = UUID.randomUUID();
        UUID recentEvent = UUID.randomUUID();
        jdbc.sql("INSERT INTO processed_call_events (event_id, processed_at) VALUES (?, now() - interval '8 days'),"
                + " (?, now() - interval '1 day')").params(oldEvent, recentEvent).update();

        housekeeping.deleteExpired();

        assertThat(jdbc.sql("SELECT id FROM agent_outbox WHERE id IN (?, ?)").params(old, recent)
                .query(Long.class).list()).containsExactly(recent);
        assertThat(jdbc.sql("SELECT event_id FROM processed_call_events WHERE event_id IN (?, ?)")
                .params(oldEvent, recentEvent).query(UUID.class).list()).containsExactly(recentEvent);
        assertThat(outboxRowsFor(id)).as("the creation row, published just now, stays").isEqualTo(2);
    }
}
