package io.callcenter.model;

/**
 * Kafka topic names. Every call event and command is keyed by callId, so each call's history is ordered within one
 * partition; agent events are keyed by the agent id written as a decimal string.
 */
public final class Topics {
    /** {@link io.callcenter.model.events.CallEvent}s, key callId, produced by call-ingest. */
    public static final String CALL_EVENTS = "callcenter.call-events.v1";
    /**
     * {@link io.callcenter.model.calls.CallEvent}s (version 2: domain data, no display texts), key callId, produced by
     * call-ingest in the same transaction and order as {@link #CALL_EVENTS}; what the gateway reads.
     */
    public static final String CALL_EVENTS_V2 = "callcenter.call-events.v2";
    /** {@link io.callcenter.model.commands.CallCommand}s, key callId, produced by the gateways and call-ingest. */
    public static final String CALL_COMMANDS = "callcenter.call-commands.v1";
    /** {@link io.callcenter.model.agents.AgentEvent}s, key agentId as a string, produced by agent-directory. */
    public static final String AGENT_EVENTS = "callcenter.agent-events.v1";
    /**
     * {@link io.callcenter.model.stats.CallStatsEvent}s, key the scope ({@code call-center}), produced by call-stats;
     * compacted: each record is a full snapshot, the latest per key is all a reader needs.
     */
    public static final String CALL_STATS = "callcenter.call-stats.v1";

    private Topics() {
    }

    /**
     * The dead-letter topic of {@code topic}, where its consumers keep the records they cannot read or process:
     * {@code <topic>-dlt}, the default name of spring-kafka's {@code DeadLetterPublishingRecoverer} (4.x).
     */
    public static String deadLetter(String topic) {
        return topic + "-dlt";
    }

    public static String agentKey(int agentId) {
        return Integer.toString(agentId);
    }
}
