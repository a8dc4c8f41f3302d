package io.callcenter.model.crm;

/**
 * Payload of the Socket.IO event {@code error}, sent only to the socket whose command failed.
 * {@code event} names the client event that caused it ({@code answer_call}, ...); {@code callId} may be null.
 */
public record CrmError(String code, String message, String event, String callId) {

    public static final String EVENT = "error";
}
