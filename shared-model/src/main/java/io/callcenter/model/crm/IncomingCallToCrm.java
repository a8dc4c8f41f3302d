package io.callcenter.model.crm;

/**
 * Payload of the Socket.IO event {@code incoming_call_to_crm}, field for field as in the integration guide.
 * {@code assignedAgent} and {@code customerInfo} are always present and {@code null} when unknown;
 * {@code startTime} is in {@link CrmTime} format.
 */
public record IncomingCallToCrm(
        String callId,
        String callerNumber,
        String calledNumber,
        AgentInfo assignedAgent,
        CustomerInfo customerInfo,
        String startTime,
        String status,
        String source) {

    public static final String EVENT = "incoming_call_to_crm";
    public static final String STATUS_RINGING = "ringing";
}
