package io.callcenter.agents;

import java.time.Instant;

/**
 * An agent as the REST API shows it. {@code currentCallId} is the call the agent is on; it is set only while the
 * agent is {@code busy} with a call.
 */
public record Agent(int id, int userId, String fullName, String extension, AgentStatus status,
                    Instant statusChangedAt, String currentCallId) {

    Agent withStatus(AgentStatus newStatus, Instant changedAt, String callId) {
        return new Agent(id, userId, fullName, extension, newStatus, changedAt, callId);
    }
}
