package io.callcenter.gateway.commands;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.callcenter.model.crm.AgentInfo;

/**
 * What a client's Socket.IO acknowledgement callback receives once the command is decided: {@code {success: true,
 * call: {...}}} for the command that won (an answer: {@code {callId, status: "connected", agentInfo}}; an end:
 * {@code {callId, status: "ended", endReason, duration}}), {@code {success: false, error: {code, message}}} for one
 * that was refused or lost (the gateway's own codes, call-ingest's rejection codes, or {@code timeout}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AckReply(boolean success, Object call, Error error) {
    /** {@code {success: true}}: what a {@code join_call_center} ack gets. */
    public static final AckReply OK = new AckReply(true, null, null);

    public static AckReply failed(CommandProblem problem) {
        return new AckReply(false, null, new Error(problem.code(), problem.message()));
    }

    static AckReply answered(String callId, String status, AgentInfo agentInfo) {
        return new AckReply(true, new AnsweredCall(callId, status, agentInfo), null);
    }

    static AckReply ended(String callId, String endReason, long duration) {
        return new AckReply(true, new EndedCall(callId, "ended", endReason, duration), null);
    }

    public record Error(String code, String message) {
    }

    /** The winner's view of the call it answered. */
    public record AnsweredCall(String callId, String status, AgentInfo agentInfo) {
    }

    /** The call an {@code end_call} ended. */
    public record EndedCall(String callId, String status, String endReason, long duration) {
    }
}
