package io.callcenter.model.crm;

/** Payload of the Socket.IO event {@code joined_call_center}, the server's answer to {@code join_call_center}. */
public record JoinedCallCenter(String message, String userType) {

    public static final String EVENT = "joined_call_center";
    public static final String MESSAGE = "Joined call center as CRM system";

    public static JoinedCallCenter of(String userType) {
        return new JoinedCallCenter(MESSAGE, userType);
    }
}
