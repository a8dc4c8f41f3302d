package io.callcenter.system;

import io.callcenter.simulator.IngestClient;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateways, 200 CRMs split across them behind a failover edge, calls ringing; one gateway is killed with SIGKILL.
 * Its CRMs reconnect through the edge to the survivor and, on joining, see every call ringing at that moment; the
 * survivor's CRMs see every call, before, during and after the crash.
 */
@Tag("reliability")
@RealInfrastructure
class GatewayCrashTest {
    private static final int CLIENTS_PER_GATEWAY = 100;

    @Test
    void clientsOfAKilledGatewayResyncOnTheSurvivorAndTheSurvivorsClientsSeeNoGap() throws Exception {
        try (RunningSystem system = new RunningSystem(Map.of("CALLCENTER_INGEST_RING_TIMEOUT", "10m"), Map.of())) {
            RunningSystem.Gateway a = system.startGateway("gateway-crash-a");
            RunningSystem.Gateway b = system.startGateway("gateway-crash-b");
            a.process().awaitHealthy();
            b.process().awaitHealthy();
            InetSocketAddress addressA = new InetSocketAddress("127.0.0.1", a.url().getPort());
            InetSocketAddress addressB = new InetSocketAddress("127.0.0.1", b.url().getPort());
            List<CrmClient> onA = new ArrayList<>();
            List<CrmClient> onB = new ArrayList<>();
            try (FailoverProxy edgeA = new FailoverProxy(List.of(addressA, addressB));
                 FailoverProxy edgeB = new FailoverProxy(List.of(addressB, addressA))) {
                for (int i = 0; i < CLIENTS_PER_GATEWAY; i++) {
                    onA.add(new CrmClient(java.net.URI.create("http://127.0.0.1:" + edgeA.port()), true));
                    onB.add(new CrmClient(java.net.URI.create("http://127.0.0.1:" + edgeB.port()), true));
                }
                onA.forEach(CrmClient::awaitJoined);
                onB.forEach(CrmClient::awaitJoined);

                IngestClient voicebot = new IngestClient(system.ingestUrl(), null);
                Set<String> ringing = new HashSet<>(placeCalls(voicebot, "CRASH_BEFORE_", 10));
                await().atMost(Duration.ofSeconds(30)).until(() -> allSee(onA, ringing) && allSee(onB, ringing));

                a.process().kill();
                ringing.addAll(placeCalls(voicebot, "CRASH_DURING_", 10));

                await().atMost(Duration.ofSeconds(60)).until(() -> onA.stream().allMatch(c -> c.count(
                        "joined_call_center") >= 2));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    for (CrmClient client : onA) {
                        assertThat(client.ringingViewSinceLastJoin()).as("view of a client that moved to B")
                                .containsAll(ringing);
                    }
                    for (CrmClient client : onB) {
                        assertThat(client.everRinging()).as("survivor's client").containsAll(ringing);
                        assertThat(client.count("joined_call_center")).as("survivor's client never rejoined")
                                .isEqualTo(1);
                    }
                });
            } finally {
                onA.forEach(CrmClient::close);
                onB.forEach(CrmClient::close);
            }
        }
    }

    private static boolean allSee(List<CrmClient> clients, Set<String> callIds) {
        return clients.stream().allMatch(c -> c.everRinging().containsAll(callIds));
    }

    private static List<String> placeCalls(IngestClient voicebot, String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String callId = prefix + System.nanoTime();
            assertThat(voicebot.startCall(callId, "0912345678", "1900").join().accepted()).isTrue();
            ids.add(callId);
        }
        return ids;
    }
}
