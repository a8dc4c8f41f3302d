-- The call events already applied, by eventId, so that a replayed sequence (e.g. CallAnswered, CallEnded delivered
-- again after a consumer restart) changes nothing, not even transiently. Kept for a configurable time.
CREATE TABLE processed_call_events (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX processed_call_events_processed_at_idx ON processed_call_events (processed_at);
