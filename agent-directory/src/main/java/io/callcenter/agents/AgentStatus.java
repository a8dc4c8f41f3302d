package io.callcenter.agents;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** An agent's status as it appears in JSON, in the database and on the agent-events topic: lower case. */
public enum AgentStatus {
    AVAILABLE, BUSY, AWAY, OFFLINE;

    /** Every wire value, for error messages that tell the client what it may send. */
    public static final List<String> WIRE_VALUES = Arrays.stream(values()).map(AgentStatus::wire).toList();

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for an exact wire value ({@code away}); anything else, including {@code AWAY}, is unknown. */
    public static Optional<AgentStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }
}
