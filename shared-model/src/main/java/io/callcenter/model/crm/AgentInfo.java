package io.callcenter.model.crm;

/** The guide's {@code assignedAgent} and {@code agentInfo}: an agent as CRMs see it. */
public record AgentInfo(int id, int userId, String fullName, String status) {
}
