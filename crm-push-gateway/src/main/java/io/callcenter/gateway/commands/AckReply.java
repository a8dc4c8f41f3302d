package io.callcenter.gateway.commands;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a client's Socket.IO acknowledgement callback receives: {@code {success: true}} once the command is on the
 * topic, {@code {success: false, error: {code, message}}} when it was refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AckReply(boolean success, Error error) {
    public static final AckReply OK = new AckReply(true, null);

    public static AckReply failed(CommandProblem problem) {
        return new AckReply(false, new Error(problem.code(), problem.message()));
    }

    public record Error(String code, String message) {
    }
}
