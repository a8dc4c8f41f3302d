package io.callcenter.system;

import io.callcenter.model.Topics;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.simulator.IngestClient;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.json.JSONObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 100 calls, each answered at once by 10 CRMs spread over two gateways: exactly one answer per call wins and each of
 * the other nine sockets, and only they, get an error for that call.
 */
@Tag("reliability")
@RealInfrastructure
class AnswerRaceTest {
    private static final int CALLS = 100;
    private static final int CRMS = 10;

    @Test
    void exactlyOneAnswerPerCallWinsAndEveryLoserIsToldOnItsOwnSocket() throws Exception {
        try (RunningSystem system = new RunningSystem(Map.of("CALLCENTER_INGEST_RING_TIMEOUT", "10m"), Map.of());
             TopicRecorder<CallEvent> events = TopicRecorder.fromNow(Topics.CALL_EVENTS, new CallEventDeserializer())) {
            RunningSystem.Gateway a = system.startGateway("gateway-race-a");
            RunningSystem.Gateway b = system.startGateway("gateway-race-b");
            a.process().awaitHealthy();
            b.process().awaitHealthy();
            List<Integer> agents = Agents.create(system.agentDirectoryUrl(), "Race Agent", CALLS);
            List<CrmClient> crms = new ArrayList<>();
            IntStream.range(0, CRMS).forEach(i -> crms.add(new CrmClient(i % 2 == 0 ? a.url() : b.url(), true)));
            try {
                crms.forEach(CrmClient::awaitJoined);
                IngestClient voicebot = new IngestClient(system.ingestUrl(), null);
                List<String> callIds = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    String callId = "RACE_" + i + "_" + System.nanoTime();
                    assertThat(voicebot.startCall(callId, "0912345678", "1900").join().status()).isEqualTo(202);
                    callIds.add(callId);
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> crms.stream().allMatch(c ->
                        c.everRinging().containsAll(callIds)));

                for (int i = 0; i < CALLS; i++) {
                    JSONObject answer = new JSONObject().put("callId", callIds.get(i)).put("agentId", agents.get(i))
                            .put("source", "crm_system");
                    crms.parallelStream().forEach(crm -> crm.emit("answer_call", answer));
                    // 15 answers/s per socket: under the gateway's per-socket command rate limit (20/s)
                    TimeUnit.MILLISECONDS.sleep(67);
                }

                List<CallAnswered> winners = events.awaitValues(e -> e instanceof CallAnswered
                        && callIds.contains(e.callId()), CALLS, Duration.ofSeconds(120)).stream()
                        .map(CallAnswered.class::cast).toList();
                await().atMost(Duration.ofSeconds(60)).until(() -> crms.stream().mapToLong(c -> c.count("error")).sum()
                        >= (long) CALLS * (CRMS - 1));

                assertThat(winners).hasSize(CALLS);
                assertThat(winners.stream().map(CallEvent::callId).distinct()).hasSize(CALLS);
                for (CallAnswered winner : winners) {
                    for (CrmClient crm : crms) {
                        long errors = crm.received("error").stream()
                                .filter(r -> r.payload().optString("callId").equals(winner.callId())).count();
                        boolean won = winner.requestedBy().socketId().equals(crm.socketId());
                        assertThat(errors).as("errors for %s on %s (winner: %s)", winner.callId(), crm.socketId(), won)
                                .isEqualTo(won ? 0 : 1);
                    }
                }
                assertThat(crms.stream().mapToLong(c -> c.count("error")).sum()).isEqualTo((long) CALLS * (CRMS - 1));
                assertThat(crms.stream().flatMap(c -> c.received("error").stream())
                        .map(r -> r.payload().optString("code")).distinct()).containsExactly("already_answered");
            } finally {
                crms.forEach(CrmClient::close);
            }
        }
    }
}
