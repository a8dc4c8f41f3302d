package io.callcenter.gateway.fanout;

import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.TestEvents;
import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.kit.observability.KafkaTracing;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.callcenter.gateway.socket.OutboundEvent;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.serde.CallcenterJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a join is sent besides the ringing calls: the latest final event of each call answered or ended within the
 * recovery window, oldest first; for a client still on long-polling only as many of the most recent as keep the join
 * within half of {@code slow-client.max-polling-queue} (more would get it cut off as slow during its own join).
 */
class ActiveCallsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<ActiveCalls> created = new ArrayList<>();

    @AfterEach
    void releaseTheEncodedFinals() {
        created.forEach(ActiveCalls::destroy);
    }

    @Test
    void aJoinGetsTheLatestFinalOfEachCallWithinTheWindowOldestFirst() {
        ActiveCalls calls = activeCalls(Map.of());
        String answered = TestEvents.newCallId();
        String answeredThenEnded = TestEvents.newCallId();
        String ringing = TestEvents.newCallId();
        String old = TestEvents.newCallId();
        CallEnded template = TestEvents.ended(old, "no_answer");
        List<CallEvent> events = List.of(TestEvents.incoming(old),
                new CallEnded(template.eventId(), Instant.now().minus(Duration.ofMinutes(3)), template.schemaVersion(),
                        old, null, null, template.payload(), null),
                TestEvents.incoming(answeredThenEnded), TestEvents.incoming(answered), TestEvents.incoming(ringing),
                TestEvents.answered(answeredThenEnded, 1, null), TestEvents.answered(answered, 2, null),
                TestEvents.ended(answeredThenEnded, "completed"));
        events.forEach(calls::apply);

        ActiveCalls.JoinSnapshot snapshot = calls.joinSnapshot(false);
        assertThat(snapshot.finals()).extracting(e -> e.getClass().getSimpleName() + " " + e.callId())
                .containsExactly("CallAnswered " + answered, "CallEnded " + answeredThenEnded);
        assertThat(snapshot.ringing()).extracting(r -> r.callId()).containsExactly(ringing);
        assertThat(snapshot.leftOut()).isZero();
        assertThat(snapshot.encodedFinals()).extracting(OutboundEvent::name)
                .containsExactly("call_answered", "call_ended");
        assertThat(CallcenterJson.mapper().readTree(snapshot.encodedFinals().get(1).json()))
                .as("the live event's payload").isEqualTo(TestEvents.json(((CallEnded) events.get(7)).payload()));
        // encoded once: a second join gets the same bytes
        assertThat(calls.joinSnapshot(false).encodedFinals()).isEqualTo(snapshot.encodedFinals());
        assertThat(registry.get("callcenter.gateway.events.encoded").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(2);

        calls.apply(TestEvents.incoming(answeredThenEnded)); // a late repeat never rings again
        assertThat(calls.ringing()).extracting(r -> r.callId()).containsExactly(ringing);
    }

    @Test
    void aClientOnLongPollingGetsOnlyTheMostRecentFinalsThatKeepItsJoinWithinHalfThePollingQueueCap() {
        ActiveCalls calls = activeCalls(Map.of(
                "callcenter.gateway.slow-client.max-polling-queue", "20"));
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String callId = TestEvents.newCallId();
            calls.apply(TestEvents.incoming(callId));
            calls.apply(TestEvents.ended(callId, "customer_hangup"));
            ended.add(callId);
        }
        String ringing = TestEvents.newCallId();
        calls.apply(TestEvents.incoming(ringing));

        ActiveCalls.JoinSnapshot polling = calls.joinSnapshot(true);
        // 20 / 2 = 10 packets: joined_call_center, 1 ringing call, so 8 finals, the most recent ones
        assertThat(polling.finals()).extracting(CallEvent::callId).containsExactlyElementsOf(ended.subList(22, 30));
        assertThat(polling.leftOut()).isEqualTo(22);
        assertThat(polling.ringing()).hasSize(1);

        ActiveCalls.JoinSnapshot websocket = calls.joinSnapshot(false);
        assertThat(websocket.finals()).extracting(CallEvent::callId).containsExactlyElementsOf(ended);
    }

    @Test
    void aRecoveryWindowOfZeroSendsNoFinals() {
        ActiveCalls calls = activeCalls(Map.of("callcenter.gateway.recovery-window", "0s"));
        String callId = TestEvents.newCallId();
        calls.apply(TestEvents.incoming(callId));
        calls.apply(TestEvents.ended(callId, "customer_hangup"));

        assertThat(calls.joinSnapshot(false).finals()).isEmpty();
        assertThat(calls.ringing()).isEmpty();
    }

    @Test
    void aLiveAnswerCountsInTheTimeToAnswerAndAReplayedOneDoesNot() {
        ActiveCalls calls = activeCalls(Map.of());
        String live = TestEvents.newCallId();
        String replayed = TestEvents.newCallId();
        calls.apply(TestEvents.incoming(replayed));
        calls.apply(TestEvents.answered(replayed, 3, null));
        calls.applyLive(TestEvents.incoming(live));
        calls.applyLive(TestEvents.answered(live, 4, null));

        assertThat(registry.get("callcenter.gateway.calls.answer.time").timer().count()).isEqualTo(1);
        assertThat(calls.connectedCount()).isEqualTo(2);
    }

    private ActiveCalls activeCalls(Map<String, String> settings) {
        ActiveCalls calls = new ActiveCalls(new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("callcenter.gateway", GatewayProperties.class), new GatewayMetrics(registry),
                new KafkaTracing(Tracer.NOOP, Propagator.NOOP));
        created.add(calls);
        return calls;
    }
}
