package io.callcenter.agents;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.UUID;

/** The {@code processed_call_events} table: which call events this service has already applied. */
@Repository
public class ProcessedCallEvents {
    private final JdbcClient jdbc;

    public ProcessedCallEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the event as applied in the current transaction; false if it already was (a redelivery). A concurrent
     * transaction recording the same id waits for that one and then sees it.
     */
    public boolean markProcessed(UUID eventId) {
        return jdbc.sql("INSERT INTO processed_call_events (event_id) VALUES (?) ON CONFLICT DO NOTHING")
                .param(eventId).update() == 1;
    }

    /** Forgets events applied longer ago than {@code retention}; returns how many. */
    public int deleteOlderThan(Duration retention) {
        return jdbc.sql("DELETE FROM processed_call_events WHERE processed_at < now() - make_interval(secs => ?)")
                .param(retention.toMillis() / 1000.0)
                .update();
    }
}
