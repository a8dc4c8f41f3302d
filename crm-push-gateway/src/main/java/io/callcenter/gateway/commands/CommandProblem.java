package io.callcenter.gateway.commands;

/**
 * Why a client event was refused, before anything was published: a stable {@code code} for programs and a message
 * naming the field for people. Sent as the {@code error} event and in the ack.
 */
public record CommandProblem(String code, String message) {
    public static final String INVALID_PAYLOAD = "invalid_payload";
    public static final String INVALID_FIELD = "invalid_field";
    public static final String NOT_JOINED = "not_joined";
    public static final String UNKNOWN_EVENT = "unknown_event";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String PUBLISH_FAILED = "publish_failed";
    /** The socket's token does not allow this command (role, or another agent's id or call). */
    public static final String FORBIDDEN = "forbidden";
    public static final String TOKEN_EXPIRED = "token_expired";

    static CommandProblem field(String message) {
        return new CommandProblem(INVALID_FIELD, message);
    }
}
