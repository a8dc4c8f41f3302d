package io.callcenter.model.crm;

/**
 * Payload of the Socket.IO event {@code error}, sent only to the socket whose command failed.
 * {@code event} names the client event that caused it ({@code answer_call}, ...); {@code callId} may be null.
 */
public record CrmError(String code, String message, String event, String callId) {

    public static final String EVENT = "error";

    /**
     * The sentence CRMs are shown for a rejected command ({@code message}): from the rejection's domain data, so that
     * call-events v2 carries the code and the gateway adds the words. {@code agentStatus} is the agent's status when
     * it was the reason ({@code agent_unavailable}, {@code agent_busy} from agent-directory), null otherwise.
     */
    public static String rejectionMessage(String code, String callId, Integer agentId, String agentStatus) {
        return switch (code) {
            case "already_answered" -> "call " + callId + " was already answered";
            case "call_not_found" -> "call " + callId + " does not exist";
            case "call_ended" -> "call " + callId + " has already ended";
            case "agent_not_found" -> "agent " + agentId + " does not exist";
            case "agent_busy" -> "agent " + agentId
                    + (agentStatus == null ? " is on another call" : " is " + agentStatus);
            case "agent_unavailable" -> "agent " + agentId + " is "
                    + (agentStatus == null ? "unavailable" : agentStatus);
            default -> code;
        };
    }
}
