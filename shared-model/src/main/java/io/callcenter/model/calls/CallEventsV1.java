package io.callcenter.model.calls;

import io.callcenter.model.ContractRecord;
import io.callcenter.model.crm.CallAnsweredToCrm;
import io.callcenter.model.crm.CallEndedToCrm;
import io.callcenter.model.crm.CrmError;
import io.callcenter.model.crm.CrmTime;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.IncomingCall;

/**
 * The two versions of a call event, one fact each way, same eventId and occurredAt. {@link #toV1} renders the guide's
 * Socket.IO payloads from the domain data (display texts, the guide's time format): the gateway speaks Socket.IO with
 * it. {@link #toV2} is how call-ingest writes v2 beside v1 during the migration; when v1 is retired (README,
 * "call-events v2"), call-ingest builds v2 itself and this direction goes.
 */
public final class CallEventsV1 {

    private CallEventsV1() {
    }

    /** The domain form of a v1 record: its payload's texts and display formats dropped. */
    public static CallEvent toV2(io.callcenter.model.events.CallEvent v1) {
        if (v1 instanceof IncomingCall incoming) {
            IncomingCallToCrm p = incoming.payload();
            return new CallStarted(incoming.eventId(), incoming.occurredAt(), CallEvent.VERSION, incoming.callId(),
                    p.callerNumber(), p.calledNumber(), p.assignedAgent(), p.customerInfo(), p.source(),
                    CrmTime.parse(p.startTime()));
        }
        if (v1 instanceof io.callcenter.model.events.CallAnswered answered) {
            return new CallAnswered(answered.eventId(), answered.occurredAt(), CallEvent.VERSION, answered.callId(),
                    answered.agentId(), answered.payload().call().agentInfo(),
                    answered.payload().call().customerInfo(), answered.requestedBy(), answered.commandId());
        }
        if (v1 instanceof io.callcenter.model.events.CallEnded ended) {
            return new CallEnded(ended.eventId(), ended.occurredAt(), CallEvent.VERSION, ended.callId(),
                    ended.agentId(), ended.payload().endReason(), ended.payload().duration(), ended.requestedBy(),
                    ended.commandId());
        }
        io.callcenter.model.events.CommandRejected rejected = (io.callcenter.model.events.CommandRejected) v1;
        return new CommandRejected(rejected.eventId(), rejected.occurredAt(), CallEvent.VERSION, rejected.callId(),
                rejected.commandId(), rejected.command(), rejected.code(), rejected.agentId(), rejected.agentStatus(),
                rejected.requestedBy());
    }

    /** The guide's form of a v2 record: the payloads CRMs receive, with the guide's texts and time format. */
    public static io.callcenter.model.events.CallEvent toV1(CallEvent v2) {
        int version = ContractRecord.SCHEMA_VERSION;
        if (v2 instanceof CallStarted started) {
            return new IncomingCall(started.eventId(), started.occurredAt(), version, started.callId(),
                    new IncomingCallToCrm(started.callId(), started.callerNumber(), started.calledNumber(),
                            started.suggestedAgent(), started.customer(), CrmTime.format(started.startedAt()),
                            IncomingCallToCrm.STATUS_RINGING, started.source()));
        }
        if (v2 instanceof CallAnswered answered) {
            return new io.callcenter.model.events.CallAnswered(answered.eventId(), answered.occurredAt(), version,
                    answered.callId(), answered.agentId(), answered.requestedBy(),
                    CallAnsweredToCrm.of(answered.callId(), answered.agent(), answered.customer()),
                    answered.commandId());
        }
        if (v2 instanceof CallEnded ended) {
            return new io.callcenter.model.events.CallEnded(ended.eventId(), ended.occurredAt(), version,
                    ended.callId(), ended.agentId(), ended.requestedBy(),
                    CallEndedToCrm.of(ended.callId(), ended.endReason(), ended.durationSeconds()), ended.commandId());
        }
        CommandRejected rejected = (CommandRejected) v2;
        return new io.callcenter.model.events.CommandRejected(rejected.eventId(), rejected.occurredAt(), version,
                rejected.callId(), rejected.commandId(), rejected.command(), rejected.requestedBy(), rejected.code(),
                CrmError.rejectionMessage(rejected.code(), rejected.callId(), rejected.agentId(),
                        rejected.agentStatus()),
                rejected.agentId(), rejected.agentStatus());
    }
}
