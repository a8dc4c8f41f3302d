package io.callcenter.model.agents;

import io.callcenter.model.crm.AgentStatusUpdate;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent's status changed, published once per committed change. {@code status} and {@code previousStatus} are
 * {@code available}, {@code busy}, {@code away} or {@code offline} ({@code previousStatus} is null for a new agent);
 * {@code currentCallId} is the call the agent is on, or null.
 */
public record AgentStatusChanged(UUID eventId, Instant occurredAt, int schemaVersion, int agentId, int userId,
                                 String agentName, String status, String previousStatus, String currentCallId)
        implements AgentEvent {

    /** The guide's {@code agent_status_update} payload. */
    public AgentStatusUpdate toCrm() {
        return new AgentStatusUpdate(agentId, agentName, status, previousStatus);
    }
}
