package io.callcenter.model.crm;

/** Payload the CRM emits as {@code end_call}, e.g. to reject a ringing call with {@code crm_reject}. */
public record EndCallRequest(String callId, String endReason, String source) {

    public static final String EVENT = "end_call";
}
