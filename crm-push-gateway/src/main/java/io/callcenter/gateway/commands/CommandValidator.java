package io.callcenter.gateway.commands;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.crm.AnswerCallRequest;
import io.callcenter.model.crm.EndCallRequest;

import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the guide's {@code answer_call} / {@code end_call} payloads (as netty-socketio parsed them: maps, strings,
 * numbers) into commands, or says which field is wrong. {@code callId}: 1-64 letters, digits, {@code _ - . :};
 * {@code agentId}: a positive integer (not a string, not a fraction); {@code endReason} and {@code source}: optional,
 * 1-64 letters, digits, {@code _ - .} (defaults {@code crm_reject} and {@code crm_system}).
 */
public final class CommandValidator {
    static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");
    static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    static final String DEFAULT_SOURCE = "crm_system";
    static final String DEFAULT_END_REASON = "crm_reject";

    private CommandValidator() {
    }

    /** Either {@code command} or {@code problem} is set. */
    public record Result(CallCommand command, CommandProblem problem) {
        static Result ok(CallCommand command) {
            return new Result(command, null);
        }

        static Result refused(CommandProblem problem) {
            return new Result(null, problem);
        }
    }

    public static Result answerCall(Object payload, RequestedBy requestedBy) {
        if (!(payload instanceof Map<?, ?> fields)) {
            return Result.refused(notAnObject(AnswerCallRequest.EVENT, "{callId, agentId, source}", payload));
        }
        CommandProblem problem = checkCallId(fields);
        if (problem == null) {
            problem = checkAgentId(fields.get("agentId"));
        }
        if (problem == null) {
            problem = checkOptionalWord(fields, "source");
        }
        if (problem != null) {
            return Result.refused(problem);
        }
        return Result.ok(AnswerCall.of((String) fields.get("callId"), ((Number) fields.get("agentId")).intValue(),
                orDefault(fields, "source", DEFAULT_SOURCE), requestedBy));
    }

    public static Result endCall(Object payload, RequestedBy requestedBy) {
        if (!(payload instanceof Map<?, ?> fields)) {
            return Result.refused(notAnObject(EndCallRequest.EVENT, "{callId, endReason, source}", payload));
        }
        CommandProblem problem = checkCallId(fields);
        if (problem == null) {
            problem = checkOptionalWord(fields, "endReason");
        }
        if (problem == null) {
            problem = checkOptionalWord(fields, "source");
        }
        if (problem != null) {
            return Result.refused(problem);
        }
        return Result.ok(EndCall.of((String) fields.get("callId"), orDefault(fields, "endReason", DEFAULT_END_REASON),
                orDefault(fields, "source", DEFAULT_SOURCE), requestedBy));
    }

    /** The payload's callId when it is a usable one, for the error event's {@code callId}; else null. */
    public static String callIdOf(Object payload) {
        if (payload instanceof Map<?, ?> fields && fields.get("callId") instanceof String callId
                && CALL_ID.matcher(callId).matches()) {
            return callId;
        }
        return null;
    }

    private static CommandProblem notAnObject(String event, String shape, Object payload) {
        return new CommandProblem(CommandProblem.INVALID_PAYLOAD, event + " payload must be a JSON object " + shape
                + ", got " + describe(payload));
    }

    private static CommandProblem checkCallId(Map<?, ?> fields) {
        Object callId = fields.get("callId");
        if (callId == null) {
            return CommandProblem.field("field 'callId' is required");
        }
        if (!(callId instanceof String text)) {
            return CommandProblem.field("field 'callId' must be a string, got " + describe(callId));
        }
        if (!CALL_ID.matcher(text).matches()) {
            return CommandProblem.field("field 'callId' must be 1-64 characters of letters, digits, '_', '-', '.' "
                    + "or ':'");
        }
        return null;
    }

    private static CommandProblem checkAgentId(Object agentId) {
        if (agentId == null) {
            return CommandProblem.field("field 'agentId' is required");
        }
        boolean integral = agentId instanceof Integer || agentId instanceof Long || agentId instanceof Short
                || agentId instanceof BigInteger;
        if (!integral) {
            return CommandProblem.field("field 'agentId' must be an integer, got " + describe(agentId));
        }
        BigInteger value = new BigInteger(agentId.toString());
        if (value.signum() <= 0 || value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            return CommandProblem.field("field 'agentId' must be a positive integer up to " + Integer.MAX_VALUE
                    + ", got " + agentId);
        }
        return null;
    }

    private static CommandProblem checkOptionalWord(Map<?, ?> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            return CommandProblem.field("field '" + name + "' must be a string, got " + describe(value));
        }
        if (!WORD.matcher(text).matches()) {
            return CommandProblem.field("field '" + name + "' must be 1-64 characters of letters, digits, '_', '-' "
                    + "or '.'");
        }
        return null;
    }

    private static String orDefault(Map<?, ?> fields, String name, String fallback) {
        Object value = fields.get(name);
        return value == null ? fallback : (String) value;
    }

    /** How an error message names what the client sent instead: "a string", "the number 5", "an array"... */
    public static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number number) {
            return "the number " + number;
        }
        if (value instanceof java.util.List<?>) {
            return "an array";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return value.getClass().getSimpleName();
    }
}
