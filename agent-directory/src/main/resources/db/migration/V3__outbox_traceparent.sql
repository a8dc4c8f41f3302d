-- The W3C traceparent of the change a row describes (a call event's listener span, a REST request), so the relay
-- publishes the AgentStatusChanged in the same trace; null for rows written without one (and before this column).
ALTER TABLE agent_outbox ADD COLUMN traceparent text;
