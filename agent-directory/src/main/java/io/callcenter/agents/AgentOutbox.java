package io.callcenter.agents;

import io.callcenter.kit.observability.KafkaTracing;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.serde.CallcenterJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.List;

/**
 * The {@code agent_outbox} table: the events waiting to be published. Rows are appended in the transaction of the
 * change they describe, read by {@link OutboxRelay} in id order, and stamped {@code published_at} once Kafka has
 * acknowledged them; published rows are deleted after the configured retention.
 */
@Repository
public class AgentOutbox {
    private final JdbcClient jdbc;
    private final KafkaTracing tracing;

    public AgentOutbox(JdbcClient jdbc, KafkaTracing tracing) {
        this.jdbc = jdbc;
        this.tracing = tracing;
    }

    /**
     * A row of the outbox: its id, the event's JSON as written by {@link CallcenterJson}, and the traceparent of the
     * change it describes (or null).
     */
    public record Row(long id, int agentId, String payload, String traceparent) {
        AgentEvent event() {
            return CallcenterJson.mapper().readValue(payload, AgentEvent.class);
        }
    }

    public void append(AgentStatusChanged event) {
        jdbc.sql("INSERT INTO agent_outbox (agent_id, payload, traceparent) VALUES (?, CAST(? AS jsonb), ?)")
                .params(event.agentId(), CallcenterJson.mapper().writeValueAsString(event),
                        tracing.currentTraceparent())
                .update();
    }

    /**
     * Takes the relay's lock for the current transaction, so that only one relay per database schema publishes at a
     * time, whatever the number of instances; false when another relay holds it.
     */
    public boolean tryLockForRelay() {
        return Boolean.TRUE.equals(jdbc.sql(
                        "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.agent_outbox'))")
                .query(Boolean.class).single());
    }

    public List<Row> unpublished(int limit) {
        return jdbc.sql("SELECT id, agent_id, payload::text AS payload, traceparent FROM agent_outbox"
                        + " WHERE published_at IS NULL ORDER BY id LIMIT ?")
                .param(limit)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getInt("agent_id"), rs.getString("payload"),
                        rs.getString("traceparent")))
                .list();
    }

    public void markPublished(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE agent_outbox SET published_at = now() WHERE id IN (:ids)").param("ids", ids).update();
        }
    }

    /** Rows not yet published: normally zero or a few; a growing number means Kafka is unreachable. */
    public long pendingCount() {
        return jdbc.sql("SELECT count(*) FROM agent_outbox WHERE published_at IS NULL").query(Long.class).single();
    }

    /** Deletes rows published longer ago than {@code retention}; returns how many. */
    public int deletePublishedOlderThan(Duration retention) {
        return jdbc.sql("DELETE FROM agent_outbox WHERE published_at < now() - make_interval(secs => ?)")
                .param(retention.toMillis() / 1000.0)
                .update();
    }
}
