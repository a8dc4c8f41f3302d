package io.callcenter.model.crm;

/** Payload of the Socket.IO event {@code agent_status_update}. */
public record AgentStatusUpdate(int agentId, String agentName, String status, String previousStatus) {

    public static final String EVENT = "agent_status_update";
}
