package io.callcenter.model;

/**
 * Kafka topic names. Every call event and command is keyed by callId, so each call's history is ordered within one
 * partition; agent events are keyed by the agent id written as a decimal string.
 */
public final class Topics {
    /** {@link io.callcenter.model.events.CallEvent}s, key callId, produced by call-ingest. */
    public static final String CALL_EVENTS = "callcenter.call-events.v1";
    /** {@link io.callcenter.model.commands.CallCommand}s, key callId, produced by the gateways and call-ingest. */
    public static final String CALL_COMMANDS = "callcenter.call-commands.v1";
    /** {@link io.callcenter.model.agents.AgentEvent}s, key agentId as a string, produced by agent-directory. */
    public static final String AGENT_EVENTS = "callcenter.agent-events.v1";

    /** Suffix of the dead-letter topic where a consumer may park records it cannot read. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static String agentKey(int agentId) {
        return Integer.toString(agentId);
    }
}
