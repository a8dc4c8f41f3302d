package io.callcenter.ingest.calls;

import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CrmTime;
import io.callcenter.model.crm.CustomerInfo;
import io.callcenter.model.crm.IncomingCallToCrm;

import java.time.Instant;

/**
 * A call as {@code GET /api/v1/calls} shows it. Times are in the guide's format (UTC, microseconds);
 * {@code assignedAgent} is the agent suggested when it started, {@code agentInfo} the agent who answered;
 * {@code duration} (whole seconds) and the end fields are null until it ends.
 */
public record CallView(String callId, String status, String callerNumber, String calledNumber, String source,
                       String startTime, CustomerInfo customerInfo, AgentInfo assignedAgent, AgentInfo agentInfo,
                       String answerTime, String endTime, String endReason, Long duration) {

    static CallView of(CallState call) {
        IncomingCallToCrm incoming = call.incoming();
        return new CallView(call.callId(), call.status().value(), incoming.callerNumber(), incoming.calledNumber(),
                incoming.source(), incoming.startTime(), incoming.customerInfo(), incoming.assignedAgent(),
                call.agent(), time(call.answeredAt()), time(call.endedAt()), call.endReason(),
                call.durationSeconds());
    }

    /** A call known only from its committed {@code IncomingCall} (its state lives on another instance). */
    static CallView of(IncomingCallToCrm incoming) {
        return new CallView(incoming.callId(), incoming.status(), incoming.callerNumber(), incoming.calledNumber(),
                incoming.source(), incoming.startTime(), incoming.customerInfo(), incoming.assignedAgent(), null,
                null, null, null, null);
    }

    private static String time(Instant instant) {
        return instant == null ? null : CrmTime.format(instant);
    }
}
