package io.callcenter.model.crm;

/** Payload of the Socket.IO event {@code call_ended}; {@code duration} in whole seconds since the call's start. */
public record CallEndedToCrm(String callId, String endReason, long duration, String message) {

    public static final String EVENT = "call_ended";
    public static final String MESSAGE = "Cuộc gọi đã kết thúc";

    public static CallEndedToCrm of(String callId, String endReason, long duration) {
        return new CallEndedToCrm(callId, endReason, duration, MESSAGE);
    }
}
