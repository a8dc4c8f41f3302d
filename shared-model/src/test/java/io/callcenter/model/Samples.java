package io.callcenter.model;

import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.calls.CallEventsV1;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.commands.StartCall;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CallAnsweredToCrm;
import io.callcenter.model.crm.CallEndedToCrm;
import io.callcenter.model.crm.CrmTime;
import io.callcenter.model.crm.CustomerInfo;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.events.RejectionCode;
import io.callcenter.model.stats.CallCenterStatsUpdated;
import io.callcenter.model.stats.CallCenterStatsUpdated.AgentFigures;
import io.callcenter.model.stats.CallCenterStatsUpdated.AgentWindow;
import io.callcenter.model.stats.CallCenterStatsUpdated.AgentsByStatus;
import io.callcenter.model.stats.CallCenterStatsUpdated.CallFigures;
import io.callcenter.model.stats.CallCenterStatsUpdated.Now;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One or more realistic samples of every contract record, including the null variants the guide allows. */
final class Samples {
    static final CustomerInfo CUSTOMER = new CustomerInfo(1, "Nguyễn Văn A", "0912345678", "nguyenvana@email.com",
            "CIF001230022");
    static final AgentInfo AGENT = new AgentInfo(1, 1, "Admin User", "available");
    static final RequestedBy GATEWAY_SOCKET = new RequestedBy("gateway-a1b2", "5f0c2d1e-socket");

    private Samples() {
    }

    static IncomingCallToCrm ringing(String callId, AgentInfo agent, CustomerInfo customer) {
        return new IncomingCallToCrm(callId, "0912345678", "1900", agent, customer,
                CrmTime.format(Instant.parse("2025-09-22T05:46:34.487215Z")), "ringing", "softphone");
    }

    static List<Object> callEvents() {
        return List.of(
                IncomingCall.of(ringing("CALL_12345", AGENT, CUSTOMER)),
                IncomingCall.of(ringing("CALL_NEW", null, null)),
                CallAnswered.of(1, GATEWAY_SOCKET, CallAnsweredToCrm.of("CALL_12345",
                        new AgentInfo(1, 1, "Admin User", "busy"), CUSTOMER)),
                CallAnswered.of(2, UUID.randomUUID(), GATEWAY_SOCKET, CallAnsweredToCrm.of("CALL_NEW",
                        new AgentInfo(2, 7, "Trần Thị Bích", "busy"), null)),
                CallEnded.of(1, UUID.randomUUID(), GATEWAY_SOCKET, CallEndedToCrm.of("CALL_12345", "customer_hangup",
                        120)),
                CallEnded.of(1, null, null, CallEndedToCrm.of("CALL_12345", "max_duration", 14_400)),
                CallEnded.of(null, null, CallEndedToCrm.of("CALL_NEW", "no_answer", 45)),
                CommandRejected.of("CALL_12345", UUID.randomUUID(), "answer_call", GATEWAY_SOCKET,
                        RejectionCode.ALREADY_ANSWERED, "call CALL_12345 was already answered"),
                CommandRejected.of("CALL_NEW", UUID.randomUUID(), "answer_call", GATEWAY_SOCKET,
                        RejectionCode.AGENT_BUSY, "agent 2 is on another call", 2),
                CommandRejected.worded("CALL_NEW", UUID.randomUUID(), "answer_call", GATEWAY_SOCKET,
                        RejectionCode.AGENT_UNAVAILABLE, 3, "away"),
                CommandRejected.worded("CALL_GONE", UUID.randomUUID(), "end_call", GATEWAY_SOCKET,
                        RejectionCode.CALL_NOT_FOUND, null, null));
    }

    /** The v2 form of every v1 sample: the same facts call-ingest writes to both topics. */
    static List<Object> callEventsV2() {
        return callEvents().stream()
                .<Object>map(v1 -> CallEventsV1.toV2((io.callcenter.model.events.CallEvent) v1))
                .toList();
    }

    static List<Object> callCommands() {
        RequestedBy voicebot = new RequestedBy("call-ingest-1", null);
        return List.of(
                new StartCall(UUID.randomUUID(), Instant.now(), 1, "CALL_12345", "0912345678", "1900", "softphone",
                        CUSTOMER, AGENT, voicebot),
                new StartCall(UUID.randomUUID(), Instant.now(), 1, "CALL_NEW", "+84987654321", null, null, null, null,
                        voicebot),
                AnswerCall.of("CALL_12345", 123, "crm_system", GATEWAY_SOCKET),
                EndCall.of("CALL_12345", "crm_reject", "crm_system", GATEWAY_SOCKET),
                EndCall.of("CALL_12345", "customer_hangup", "voicebot", voicebot));
    }

    static List<Object> agentEvents() {
        return List.of(
                new AgentStatusChanged(UUID.randomUUID(), Instant.now(), 1, 1, 1, "Admin User", "busy", "available",
                        "CALL_12345"),
                new AgentStatusChanged(UUID.randomUUID(), Instant.now(), 1, 2, 7, "Trần Thị Bích", "available", null,
                        null));
    }

    static List<Object> callStats() {
        Instant now = Instant.parse("2026-12-01T08:14:30Z");
        Instant minute = Instant.parse("2026-12-01T08:14:00Z");
        CallFigures busyMinute = new CallFigures(minute, minute.plusSeconds(60), 4, 2, 1, 0, 1, 1, 0.25, 12.5, 20.0,
                1, 95.0);
        CallFigures quietMinute = new CallFigures(minute.minusSeconds(60), minute, 0, 0, 0, 0, 0, 0, null, null,
                null, 0, null);
        CallFigures quarter = new CallFigures(minute.minusSeconds(14 * 60), minute.plusSeconds(60), 4, 2, 1, 0, 1, 1,
                0.25, 12.5, 20.0, 1, 95.0);
        return List.of(
                new CallCenterStatsUpdated(UUID.randomUUID(), now, 1, CallCenterStatsUpdated.SCOPE_CALL_CENTER, 20,
                        new Now(1, "CALL_12345", 7.25, new AgentsByStatus(1, 1, 0, 1)), quarter, quarter,
                        List.of(quietMinute, busyMinute),
                        List.of(new AgentFigures(1, "Admin User", "busy", new AgentWindow(1, 95.0, 0.6),
                                        new AgentWindow(1, 95.0, 0.6)),
                                new AgentFigures(2, null, null, new AgentWindow(0, 0, null),
                                        new AgentWindow(0, 0, null)))),
                new CallCenterStatsUpdated(UUID.randomUUID(), now, 1, CallCenterStatsUpdated.SCOPE_CALL_CENTER, 20,
                        new Now(0, null, null, new AgentsByStatus(0, 0, 0, 0)), quietMinute, quietMinute, List.of(),
                        List.of()));
    }
}
