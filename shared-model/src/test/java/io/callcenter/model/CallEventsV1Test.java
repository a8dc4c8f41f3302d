package io.callcenter.model;

import io.callcenter.model.calls.CallEnded;
import io.callcenter.model.calls.CallEventsV1;
import io.callcenter.model.calls.CallStarted;
import io.callcenter.model.calls.CommandRejected;
import io.callcenter.model.crm.CrmError;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallcenterJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * call-events v2 carries the facts of v1 without the guide's texts, and the guide's payloads are rendered back from it
 * byte for byte: what lets the gateway read v2 while CRMs see exactly what they saw from v1.
 */
class CallEventsV1Test {

    @Test
    void everyV1RecordIsRenderedBackFromItsV2FormUnchanged() {
        for (Object sample : Samples.callEvents()) {
            CallEvent v1 = (CallEvent) sample;
            CallEvent rendered = CallEventsV1.toV1(CallEventsV1.toV2(v1));
            assertThat(rendered).isEqualTo(v1);
            assertThat(CallcenterJson.mapper().writeValueAsString(rendered))
                    .isEqualTo(CallcenterJson.mapper().writeValueAsString(v1));
        }
    }

    @Test
    void v2RecordsCarryNoDisplayTextsOrDisplayFormats() {
        for (Object v2 : Samples.callEventsV2()) {
            String json = CallcenterJson.mapper().writeValueAsString(v2);
            assertThat(json).as(json).doesNotContain("Cuộc gọi").doesNotContain("\"message\"")
                    .doesNotContain("\"payload\"").doesNotContain("\"startTime\"")
                    .doesNotContain("was already answered").doesNotContain("is on another call");
            assertThat(((io.callcenter.model.calls.CallEvent) v2).schemaVersion()).isEqualTo(2);
        }
    }

    @Test
    void theGuidesIncomingCallIsRenderedWithItsTimeFormat() {
        CallStarted started = new CallStarted(UUID.randomUUID(), Instant.now(), 2, "CALL_12345", "0912345678", "1900",
                Samples.AGENT, Samples.CUSTOMER, "softphone", Instant.parse("2025-09-22T05:46:34.487215Z"));
        IncomingCall incoming = (IncomingCall) CallEventsV1.toV1(started);
        assertThat(CallcenterJson.mapper().writeValueAsString(incoming.payload())).isEqualTo(
                "{\"callId\":\"CALL_12345\",\"callerNumber\":\"0912345678\",\"calledNumber\":\"1900\","
                        + "\"assignedAgent\":{\"id\":1,\"userId\":1,\"fullName\":\"Admin User\","
                        + "\"status\":\"available\"},"
                        + "\"customerInfo\":{\"id\":1,\"fullName\":\"Nguyễn Văn A\",\"phoneNumber\":\"0912345678\","
                        + "\"email\":\"nguyenvana@email.com\",\"cif\":\"CIF001230022\"},"
                        + "\"startTime\":\"2025-09-22T05:46:34.487215\",\"status\":\"ringing\","
                        + "\"source\":\"softphone\"}");
    }

    @Test
    void theGuidesCallEndedCarriesItsTextFromTheGateway() {
        CallEnded ended = new CallEnded(UUID.randomUUID(), Instant.now(), 2, "CALL_12345", 1, "customer_hangup", 120,
                null, null);
        io.callcenter.model.events.CallEnded v1 = (io.callcenter.model.events.CallEnded) CallEventsV1.toV1(ended);
        assertThat(CallcenterJson.mapper().writeValueAsString(v1.payload())).isEqualTo(
                "{\"callId\":\"CALL_12345\",\"endReason\":\"customer_hangup\",\"duration\":120,"
                        + "\"message\":\"Cuộc gọi đã kết thúc\"}");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "already_answered, -, -, call C1 was already answered",
            "call_not_found, -, -, call C1 does not exist",
            "call_ended, -, -, call C1 has already ended",
            "agent_not_found, 7, -, agent 7 does not exist",
            "agent_busy, 7, -, agent 7 is on another call",
            "agent_busy, 7, busy, agent 7 is busy",
            "agent_unavailable, 7, away, agent 7 is away",
            "agent_unavailable, 7, offline, agent 7 is offline",
            "agent_not_available, 7, -, agent_not_available"})
    void eachRejectionCodeIsWorded(String code, Integer agentId, String agentStatus, String message) {
        CommandRejected v2 = new CommandRejected(UUID.randomUUID(), Instant.now(), 2, "C1", UUID.randomUUID(),
                "answer_call", code, agentId, agentStatus, new RequestedBy("gw", "s1"));
        io.callcenter.model.events.CommandRejected v1 =
                (io.callcenter.model.events.CommandRejected) CallEventsV1.toV1(v2);
        assertThat(v1.message()).isEqualTo(message).isEqualTo(CrmError.rejectionMessage(code, "C1", agentId,
                agentStatus));
        assertThat(v1.code()).isEqualTo(code);
    }
}
