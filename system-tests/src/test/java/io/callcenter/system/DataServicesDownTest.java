package io.callcenter.system;

import io.callcenter.simulator.IngestClient;
import io.callcenter.testing.RealInfrastructure;
import org.json.JSONObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * customer-service and agent-directory die: calls still ring, with customerInfo null but still a suggested agent
 * (call-ingest suggests from the agent events it already holds, without asking agent-directory); when the services
 * return, calls carry their customer again.
 */
@Tag("reliability")
@RealInfrastructure
class DataServicesDownTest {

    @Test
    void callsRingWithoutDataServicesAndAreEnrichedAgainWhenTheyReturn() throws Exception {
        try (RunningSystem system = new RunningSystem(Map.of(), Map.of())) {
            RunningSystem.Gateway gateway = system.startGateway("gateway-data-down");
            gateway.process().awaitHealthy();
            IngestClient voicebot = new IngestClient(system.ingestUrl(), null);
            try (CrmClient crm = new CrmClient(gateway.url(), true).awaitJoined()) {
                system.customerService().kill();
                system.agentDirectory().kill();

                String down = "DOWN_" + System.nanoTime();
                assertThat(voicebot.startCall(down, "0912345678", "1900").join().status()).isEqualTo(202);
                JSONObject ringing = crm.await("incoming_call_to_crm", p -> p.optString("callId").equals(down));
                assertThat(ringing.isNull("customerInfo")).isTrue();
                assertThat(ringing.isNull("assignedAgent")).as("suggested without agent-directory").isFalse();

                system.startCustomerService().awaitHealthy();
                system.startAgentDirectory().awaitHealthy();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                    String callId = "BACK_" + System.nanoTime();
                    voicebot.startCall(callId, "0912345678", "1900").join();
                    JSONObject call = crm.await("incoming_call_to_crm", p -> p.optString("callId").equals(callId));
                    return !call.isNull("customerInfo") && !call.isNull("assignedAgent");
                });
            }
        }
    }
}
