package io.callcenter.system;

import io.callcenter.model.Topics;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.simulator.IngestClient;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker restarts while calls flow. Producers retry (idempotently), so every call the VoiceBot API accepted is on
 * the topic exactly once, and the gateway resumes delivering without being restarted.
 */
@Tag("reliability")
@RealInfrastructure
class BrokerRestartTest {
    private static final Duration DOWNTIME = Duration.ofSeconds(5);

    @Test
    void acceptedCallsSurviveABrokerRestartExactlyOnceAndTheGatewayResumes() throws Exception {
        try (RunningSystem system = new RunningSystem(Map.of("CALLCENTER_INGEST_RING_TIMEOUT", "10m"), Map.of());
             TopicRecorder<CallEvent> events = TopicRecorder.fromBeginning(Topics.CALL_EVENTS,
                     new CallEventDeserializer())) {
            RunningSystem.Gateway gateway = system.startGateway("gateway-broker-restart");
            gateway.process().awaitHealthy();
            IngestClient voicebot = new IngestClient(system.ingestUrl(), null);
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            List<String> attempted = new CopyOnWriteArrayList<>();
            try (CrmClient crm = new CrmClient(gateway.url(), true).awaitJoined()) {
                List<CompletableFuture<?>> posts = new CopyOnWriteArrayList<>();
                for (int i = 0; i < 5; i++) {
                    posts.add(post(voicebot, "BROKER_BEFORE_" + i, accepted, attempted));
                }
                CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).join();

                system.infrastructure().stopKafka();
                for (int i = 0; i < 5; i++) {
                    posts.add(post(voicebot, "BROKER_DURING_" + i, accepted, attempted));
                }
                Thread.sleep(DOWNTIME.toMillis()); // the outage itself, not a wait for a condition
                system.infrastructure().startKafka();
                CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).join();

                for (int i = 0; i < 5; i++) {
                    String callId = "BROKER_AFTER_" + i;
                    await().atMost(Duration.ofSeconds(90)).until(() -> post(voicebot, callId, accepted, attempted)
                            .thenApply(x -> accepted.contains(callId)).join());
                }

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    Map<String, Long> onTopic = incomingCounts(events);
                    for (String callId : accepted) {
                        assertThat(onTopic.get(callId)).as("IncomingCall events for accepted %s", callId).isEqualTo(1L);
                    }
                    // posted while the broker was down, answered or not in time: call-ingest's producer kept the
                    // StartCall and retried it once the broker was back, so each call still rang, once
                    for (String callId : attempted.stream().filter(id -> id.startsWith("BROKER_DURING_")).toList()) {
                        assertThat(onTopic.get(callId)).as("IncomingCall events for %s, posted during the outage",
                                callId).isEqualTo(1L);
                    }
                    assertThat(crm.everRinging()).as("the gateway delivered after the restart")
                            .containsAll(accepted.stream().filter(id -> id.startsWith("BROKER_AFTER_")).toList());
                });
                for (String callId : attempted) {
                    assertThat(incomingCounts(events).getOrDefault(callId, 0L)).as("never duplicated: %s", callId)
                            .isLessThanOrEqualTo(1L);
                }
                assertThat(accepted).hasSizeGreaterThanOrEqualTo(10);
            }
        }
    }

    private static Map<String, Long> incomingCounts(TopicRecorder<CallEvent> events) {
        return events.values().stream().filter(e -> e instanceof IncomingCall)
                .collect(Collectors.groupingBy(CallEvent::callId, Collectors.counting()));
    }

    private static CompletableFuture<?> post(IngestClient voicebot, String name, Set<String> accepted,
                                             List<String> attempted) {
        String callId = name.startsWith("BROKER_AFTER_") ? name : name + "_" + System.nanoTime();
        attempted.add(callId);
        return voicebot.startCall(callId, "0912345678", "1900")
                .thenAccept(response -> {
                    if (response.accepted()) {
                        accepted.add(callId);
                    }
                })
                .exceptionally(timeout -> null);
    }
}
