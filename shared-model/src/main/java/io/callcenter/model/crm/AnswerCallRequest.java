package io.callcenter.model.crm;

/** Payload the CRM emits as {@code answer_call}. */
public record AnswerCallRequest(String callId, Integer agentId, String source) {

    public static final String EVENT = "answer_call";
}
