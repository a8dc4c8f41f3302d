package io.callcenter.system;

import io.callcenter.simulator.IngestClient;
import io.callcenter.testing.RealInfrastructure;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide's flow through every real process: the VoiceBot posts a call to call-ingest, which finds the customer in
 * customer-service and an agent in agent-directory; the gateway pushes it to a CRM; the CRM answers; agent-directory
 * marks the agent busy and every CRM hears of it; the caller hangs up; the agent is available again.
 */
@RealInfrastructure
class WholeSystemTest {
    private static RunningSystem system;
    private static RunningSystem.Gateway gateway;

    @BeforeAll
    static void startSystem() throws Exception {
        system = new RunningSystem(Map.of(), Map.of());
        gateway = system.startGateway("gateway-e2e");
        gateway.process().awaitHealthy();
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aKnownCallerRingsOnTheCrmIsAnsweredAndEndsWithTheAgentFreedAgain() {
        IngestClient voicebot = new IngestClient(system.ingestUrl(), null);
        try (CrmClient crm = new CrmClient(gateway.url(), false).awaitJoined()) {
            String callId = "E2E_KNOWN_" + System.nanoTime();
            assertThat(voicebot.startCall(callId, "+84912345678", "1900").join().status()).isEqualTo(202);

            JSONObject incoming = crm.await("incoming_call_to_crm", p -> p.optString("callId").equals(callId));
            assertThat(incoming.getString("status")).isEqualTo("ringing");
            assertThat(incoming.getString("callerNumber")).isEqualTo("+84912345678");
            assertThat(incoming.getJSONObject("customerInfo").getString("fullName")).isEqualTo("Nguyễn Văn A");
            assertThat(incoming.getJSONObject("customerInfo").getString("cif")).isEqualTo("CIF001230022");
            assertThat(incoming.getString("startTime")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
            JSONObject agent = incoming.getJSONObject("assignedAgent");
            int agentId = agent.getInt("id");

            crm.emit("answer_call", new JSONObject().put("callId", callId).put("agentId", agentId)
                    .put("source", "crm_system"));
            JSONObject answered = crm.await("call_answered", p -> p.getJSONObject("call").optString("callId")
                    .equals(callId));
            assertThat(answered.getString("message")).isEqualTo("Cuộc gọi đã được kết nối");
            assertThat(answered.getJSONObject("call").getString("status")).isEqualTo("connected");
            assertThat(answered.getJSONObject("call").getJSONObject("agentInfo").getInt("id")).isEqualTo(agentId);
            crm.await("agent_status_update", p -> p.getInt("agentId") == agentId && p.getString("status")
                    .equals("busy"));

            assertThat(voicebot.endCall(callId, "customer_hangup").join().status()).isEqualTo(202);
            JSONObject ended = crm.await("call_ended", p -> p.optString("callId").equals(callId));
            assertThat(ended.getString("endReason")).isEqualTo("customer_hangup");
            assertThat(ended.getString("message")).isEqualTo("Cuộc gọi đã kết thúc");
            crm.await("agent_status_update", p -> p.getInt("agentId") == agentId && p.getString("status")
                    .equals("available") && "busy".equals(p.optString("previousStatus")));
        }
    }

    @Test
    void anUnknownCallerRingsWithNullCustomerInfoAndCanBeRejected() {
        IngestClient voicebot = new IngestClient(system.ingestUrl(), null);
        try (CrmClient crm = new CrmClient(gateway.url(), true).awaitJoined()) {
            String callId = "E2E_NEW_" + System.nanoTime();
            assertThat(voicebot.startCall(callId, "0355000111", "1900").join().status()).isEqualTo(202);
            JSONObject incoming = crm.await("incoming_call_to_crm", p -> p.optString("callId").equals(callId));
            assertThat(incoming.isNull("customerInfo")).isTrue();

            crm.emit("end_call", new JSONObject().put("callId", callId).put("endReason", "crm_reject")
                    .put("source", "crm_system"));
            JSONObject ended = crm.await("call_ended", p -> p.optString("callId").equals(callId));
            assertThat(ended.getString("endReason")).isEqualTo("crm_reject");
            assertThat(ended.getLong("duration")).isGreaterThanOrEqualTo(0);
        }
    }
}
