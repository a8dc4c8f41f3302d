-- Agents and their status. An agent on a call is always 'busy' with current_call_id set; every other status has
-- current_call_id null (AgentService keeps that invariant, the check constraint guards it).
CREATE TABLE agents (
    id                serial PRIMARY KEY,
    user_id           integer     NOT NULL UNIQUE,
    full_name         text        NOT NULL,
    extension         text        NOT NULL UNIQUE,
    status            text        NOT NULL CHECK (status IN ('available', 'busy', 'away', 'offline')),
    status_changed_at timestamptz NOT NULL,
    current_call_id   text,
    CONSTRAINT agents_call_only_when_busy CHECK (current_call_id IS NULL OR status = 'busy')
);

-- Routing reads the available agents, longest idle first.
CREATE INDEX agents_available_idx ON agents (status_changed_at, id) WHERE status = 'available';

-- Transactional outbox: one row per AgentStatusChanged, written in the same transaction as the change, published to
-- Kafka by OutboxRelay in id order and then stamped with published_at.
CREATE TABLE agent_outbox (
    id           bigserial PRIMARY KEY,
    agent_id     integer     NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE INDEX agent_outbox_unpublished_idx ON agent_outbox (id) WHERE published_at IS NULL;
CREATE INDEX agent_outbox_published_at_idx ON agent_outbox (published_at) WHERE published_at IS NOT NULL;
