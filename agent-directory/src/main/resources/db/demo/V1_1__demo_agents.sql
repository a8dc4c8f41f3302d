-- Demo agents for the local run (profile 'demo' only, never production). Each gets its creation event in the
-- outbox, written by this same migration, so the agent-events topic holds every agent's current state.
INSERT INTO agents (id, user_id, full_name, extension, status, status_changed_at, current_call_id) VALUES
    (1, 1, 'Admin User',       '1001', 'available', now() - interval '50 minutes', NULL),
    (2, 2, 'Nguyễn Thị Lan',   '1002', 'available', now() - interval '40 minutes', NULL),
    (3, 3, 'Trần Văn Minh',    '1003', 'available', now() - interval '30 minutes', NULL),
    (4, 4, 'Lê Hoàng Nam',     '1004', 'available', now() - interval '20 minutes', NULL),
    (5, 5, 'Phạm Thu Hà',      '1005', 'available', now() - interval '10 minutes', NULL),
    (6, 6, 'Võ Minh Tuấn',     '1006', 'away',      now() - interval '5 minutes',  NULL);

SELECT setval('agents_id_seq', (SELECT max(id) FROM agents));

INSERT INTO agent_outbox (agent_id, payload)
SELECT id,
       jsonb_build_object(
           'type', 'AgentStatusChanged',
           'eventId', gen_random_uuid(),
           'occurredAt', to_char(status_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'schemaVersion', 1,
           'agentId', id,
           'userId', user_id,
           'agentName', full_name,
           'status', status,
           'previousStatus', NULL,
           'currentCallId', current_call_id)
FROM agents
ORDER BY id;
