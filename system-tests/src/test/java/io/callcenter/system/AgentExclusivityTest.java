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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One agent, one call, and acks that tell the outcome, on the whole system (call-ingest, agent-directory, two
 * gateways as separate processes): three ringing calls answered at once for one agent through two gateways connect
 * exactly one; the agent answers again once that call ended and wins; ten racers on one call get one
 * {@code success: true} and nine {@code already_answered}.
 */
@Tag("reliability")
@RealInfrastructure
class AgentExclusivityTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void oneAgentTakesOneCallWhateverTheGatewayAndAcksTellEachCrmWhetherItWon() throws Exception {
        try (RunningSystem system = new RunningSystem(Map.of("CALLCENTER_INGEST_RING_TIMEOUT", "10m"), Map.of());
             TopicRecorder<CallEvent> events = TopicRecorder.fromNow(Topics.CALL_EVENTS, new CallEventDeserializer())) {
            RunningSystem.Gateway a = system.startGateway("gateway-exclusive-a");
            RunningSystem.Gateway b = system.startGateway("gateway-exclusive-b");
            a.process().awaitHealthy();
            b.process().awaitHealthy();
            List<Integer> agents = Agents.create(system.agentDirectoryUrl(), "Exclusive Agent", 11);
            int agent = agents.get(0);
            List<Integer> racerAgents = agents.subList(1, 11);
            List<CrmClient> crms = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                crms.add(new CrmClient(i % 2 == 0 ? a.url() : b.url(), true));
            }
            try {
                crms.forEach(CrmClient::awaitJoined);
                IngestClient voicebot = new IngestClient(system.ingestUrl(), null);
                List<String> calls = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    String callId = "EXCL_" + i + "_" + System.nanoTime();
                    assertThat(voicebot.startCall(callId, "0912345678", "1900").join().status()).isEqualTo(202);
                    calls.add(callId);
                }
                await().atMost(WAIT).until(() -> crms.stream().allMatch(c -> c.everRinging().containsAll(calls)));

                // three ringing calls, one agent, three CRMs on two gateways, at once
                List<CompletableFuture<JSONObject>> acks = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    acks.add(crms.get(i).emitWithAck("answer_call", answer(calls.get(i), agent)));
                }
                List<JSONObject> replies = all(acks);
                List<CallAnswered> answered = events.awaitValues(e -> e instanceof CallAnswered
                        && calls.subList(0, 3).contains(e.callId()), 1, WAIT).stream()
                        .map(CallAnswered.class::cast).toList();
                assertThat(replies).filteredOn(r -> r.getBoolean("success")).singleElement().satisfies(r -> {
                    assertThat(r.getJSONObject("call").getString("status")).isEqualTo("connected");
                    assertThat(r.getJSONObject("call").getJSONObject("agentInfo").getInt("id")).isEqualTo(agent);
                });
                assertThat(replies).filteredOn(r -> !r.getBoolean("success")).hasSize(2).allSatisfy(r ->
                        assertThat(r.getJSONObject("error").getString("code")).isEqualTo("agent_busy"));
                // every decision is on call-events by now: still exactly one answer among the three calls
                assertThat(events.values()).filteredOn(e -> e instanceof CallAnswered
                        && calls.subList(0, 3).contains(e.callId())).hasSize(1);
                String won = answered.get(0).callId();
                int winner = calls.indexOf(won);
                for (int i = 0; i < 3; i++) {
                    if (i != winner) {
                        String lost = calls.get(i);
                        assertThat(crms.get(i).await("error", e -> lost.equals(e.optString("callId")))
                                .getString("code")).isEqualTo("agent_busy");
                    }
                }

                // the agent's call ends; the same agent answering another call wins
                JSONObject ended = crms.get(winner).emitWithAck("end_call", new JSONObject().put("callId", won)
                        .put("endReason", "crm_user_reject")).get(60, TimeUnit.SECONDS);
                assertThat(ended.getBoolean("success")).as(ended.toString()).isTrue();
                assertThat(ended.getJSONObject("call").getString("status")).isEqualTo("ended");
                JSONObject again = crms.get(1).emitWithAck("answer_call", answer(calls.get(3), agent))
                        .get(60, TimeUnit.SECONDS);
                assertThat(again.getBoolean("success")).as(again.toString()).isTrue();
                assertThat(again.getJSONObject("call").getString("callId")).isEqualTo(calls.get(3));

                // ten racers on one call through two gateways
                String race = calls.get(4);
                List<CompletableFuture<JSONObject>> racers = new ArrayList<>();
                crms.parallelStream().forEach(crm -> {
                    int i = crms.indexOf(crm);
                    CompletableFuture<JSONObject> ack = crm.emitWithAck("answer_call", answer(race,
                            racerAgents.get(i)));
                    synchronized (racers) {
                        racers.add(ack);
                    }
                });
                List<JSONObject> raced = all(racers);
                assertThat(raced).filteredOn(r -> r.getBoolean("success")).hasSize(1);
                assertThat(raced).filteredOn(r -> !r.getBoolean("success")).hasSize(9).allSatisfy(r ->
                        assertThat(r.getJSONObject("error").getString("code")).isEqualTo("already_answered"));
            } finally {
                crms.forEach(CrmClient::close);
            }
        }
    }

    private static JSONObject answer(String callId, int agentId) {
        return new JSONObject().put("callId", callId).put("agentId", agentId).put("source", "crm_system");
    }

    private static List<JSONObject> all(List<CompletableFuture<JSONObject>> acks) throws Exception {
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return acks.stream().map(CompletableFuture::join).toList();
    }
}
