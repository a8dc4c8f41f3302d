package io.callcenter.agents;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The {@code agents} table. Callers that change an agent read it with {@link #findByIdForUpdate} first. */
@Repository
public class AgentRepository {
    private static final String COLUMNS =
            "id, user_id, full_name, extension, status, status_changed_at, current_call_id";
    private static final String AVAILABLE = "SELECT " + COLUMNS + " FROM agents WHERE status = 'available'"
            + " ORDER BY status_changed_at, id";

    private static final RowMapper<Agent> AGENT = (rs, row) -> new Agent(
            rs.getInt("id"),
            rs.getInt("user_id"),
            rs.getString("full_name"),
            rs.getString("extension"),
            AgentStatus.fromWire(rs.getString("status")).orElseThrow(),
            rs.getObject("status_changed_at", OffsetDateTime.class).toInstant(),
            rs.getString("current_call_id"));

    private final JdbcClient jdbc;

    public AgentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Agent> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agents ORDER BY id").query(AGENT).list();
    }

    /** Available agents, longest idle first: the routing order. */
    public List<Agent> findAvailable() {
        return jdbc.sql(AVAILABLE).query(AGENT).list();
    }

    /** The first {@code limit} of {@link #findAvailable()}. */
    public List<Agent> findAvailable(int limit) {
        return jdbc.sql(AVAILABLE + " LIMIT ?").param(limit).query(AGENT).list();
    }

    public Optional<Agent> findById(int id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE id = ?").param(id).query(AGENT).optional();
    }

    /** Reads and row-locks the agent, so that concurrent changes to one agent apply (and are published) in order. */
    public Optional<Agent> findByIdForUpdate(int id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE id = ? FOR UPDATE").param(id).query(AGENT)
                .optional();
    }

    public Optional<Agent> findByUserId(int userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE user_id = ?").param(userId).query(AGENT)
                .optional();
    }

    public Optional<Agent> findByExtension(String extension) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE extension = ?").param(extension).query(AGENT)
                .optional();
    }

    public Agent insert(int userId, String fullName, String extension, AgentStatus status, Instant at) {
        return jdbc.sql("INSERT INTO agents (user_id, full_name, extension, status, status_changed_at)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(userId, fullName, extension, status.wire(), utc(at))
                .query(AGENT).single();
    }

    public void updateStatus(Agent changed) {
        jdbc.sql("UPDATE agents SET status = ?, status_changed_at = ?, current_call_id = ? WHERE id = ?")
                .params(changed.status().wire(), utc(changed.statusChangedAt()), changed.currentCallId(),
                        changed.id())
                .update();
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
