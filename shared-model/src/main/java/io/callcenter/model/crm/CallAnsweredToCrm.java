package io.callcenter.model.crm;

/** Payload of the Socket.IO event {@code call_answered}. */
public record CallAnsweredToCrm(Call call, String message) {

    public static final String EVENT = "call_answered";
    public static final String MESSAGE = "Cuộc gọi đã được kết nối";
    public static final String STATUS_CONNECTED = "connected";

    public record Call(String callId, String status, AgentInfo agentInfo, CustomerInfo customerInfo) {
    }

    public static CallAnsweredToCrm of(String callId, AgentInfo agentInfo, CustomerInfo customerInfo) {
        return new CallAnsweredToCrm(new Call(callId, STATUS_CONNECTED, agentInfo, customerInfo), MESSAGE);
    }
}
