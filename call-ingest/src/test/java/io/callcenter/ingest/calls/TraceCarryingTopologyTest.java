package io.callcenter.ingest.calls;

import io.callcenter.ingest.IngestProperties;
import io.callcenter.ingest.agents.AvailableAgents;
import io.callcenter.kit.observability.TraceHeaders;
import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.commands.StartCall;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.model.serde.EventSerializer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle topology carries a command's W3C {@code traceparent} to the event it becomes
 * ({@link TraceCarryingProcessor}), through the seat processor and both repartition topics for an answer; events of
 * a punctuation (ring timeout) and of a command without one carry none.
 */
class TraceCarryingTopologyTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final String START_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String ANSWER_TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";
    private final MutableClock clock = new MutableClock(T0);
    private TopologyTestDriver driver;
    private TestInputTopic<String, CallCommand> commands;
    private TestOutputTopic<String, CallEvent> events;

    @BeforeEach
    void start() throws Exception {
        Path stateDir = Files.createTempDirectory("trace-topology");
        IngestProperties ingest = new IngestProperties(URI.create("http://localhost:1"), null,
                Duration.ofMinutes(1), "", "ingest-test", stateDir, null, null, "localhost:8081", Duration.ofHours(4));
        StreamsBuilder builder = new StreamsBuilder();
        CallLifecycleTopology.build(builder, ingest, clock, new LiveCalls(), new AvailableAgents());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "trace-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, T0);
        commands = driver.createInputTopic(Topics.CALL_COMMANDS, new StringSerializer(), new EventSerializer<>());
        events = driver.createOutputTopic(Topics.CALL_EVENTS, new StringDeserializer(), new CallEventDeserializer());
        TestInputTopic<String, AgentEvent> agents = driver.createInputTopic(Topics.AGENT_EVENTS,
                new StringSerializer(), new EventSerializer<>());
        agents.pipeInput(Topics.agentKey(7), new AgentStatusChanged(UUID.randomUUID(), T0, 1, 7, 10_007, "Agent 7",
                "available", null, null));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void eachEventCarriesTheTraceparentOfTheCommandItCameFrom() {
        send(new StartCall(UUID.randomUUID(), clock.instant(), 1, "C1", "0912345678", "1900", "softphone", null,
                null, new RequestedBy("voicebot", null)), START_TRACE);
        send(AnswerCall.of("C1", 7, "crm_system", new RequestedBy("gateway-1", "s1")), ANSWER_TRACE);
        send(EndCall.of("C1", "customer_hangup", "voicebot", new RequestedBy("voicebot", null)), null);

        List<TestRecord<String, CallEvent>> out = events.readRecordsToList();
        assertThat(out).extracting(r -> r.value().getClass().getSimpleName())
                .containsExactly("IncomingCall", "CallAnswered", "CallEnded");
        assertThat(traceparent(out.get(0))).isEqualTo(START_TRACE);
        assertThat(out.get(0).value()).isInstanceOf(IncomingCall.class);
        assertThat(traceparent(out.get(1))).isEqualTo(ANSWER_TRACE);
        assertThat(out.get(1).value()).isInstanceOf(CallAnswered.class);
        assertThat(traceparent(out.get(2))).isNull();
        assertThat(out.get(2).value()).isInstanceOf(CallEnded.class);
    }

    @Test
    void aCallEndedByTheRingTimeoutCarriesNoTrace() {
        send(new StartCall(UUID.randomUUID(), clock.instant(), 1, "C2", "0912345678", "1900", "softphone", null,
                null, new RequestedBy("voicebot", null)), START_TRACE);
        clock.advance(Duration.ofMinutes(2));
        driver.advanceWallClockTime(Duration.ofMinutes(2));

        List<TestRecord<String, CallEvent>> out = events.readRecordsToList();
        assertThat(out).extracting(r -> r.value().getClass().getSimpleName())
                .containsExactly("IncomingCall", "CallEnded");
        assertThat(traceparent(out.get(0))).isEqualTo(START_TRACE);
        assertThat(traceparent(out.get(1))).isNull();
    }

    private void send(CallCommand command, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        if (traceparent != null) {
            headers.add(TraceHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        commands.pipeInput(new TestRecord<>(command.callId(), command, headers, clock.instant()));
    }

    private static String traceparent(TestRecord<String, CallEvent> record) {
        return TraceHeaders.traceparent(record.headers());
    }
}
