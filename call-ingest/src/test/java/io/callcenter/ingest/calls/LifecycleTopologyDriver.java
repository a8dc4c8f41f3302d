package io.callcenter.ingest.calls;

import io.callcenter.ingest.IngestProperties;
import io.callcenter.ingest.agents.AvailableAgents;
import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.commands.StartCall;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.model.serde.CallEventV2Deserializer;
import io.callcenter.model.serde.EventSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * call-ingest's whole topology (the seat processor, the lifecycle, the agent table) in a {@link TopologyTestDriver}:
 * no broker, one thread, a clock the test moves. Commands and agent events in, call-events out.
 */
final class LifecycleTopologyDriver implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    /** The ring timeout the driver's topology runs with. */
    static final Duration RING_TIMEOUT = Duration.ofMinutes(10);

    final MutableClock clock = new MutableClock(T0);
    /** The topology's index of available agents (the new calls' suggested agents). */
    final AvailableAgents availableAgents = new AvailableAgents();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, CallCommand> commands;
    private final TestInputTopic<String, AgentEvent> agents;
    private final TestOutputTopic<String, CallEvent> events;
    private final List<CallEvent> seen = new ArrayList<>();
    private final TestOutputTopic<String, io.callcenter.model.calls.CallEvent> eventsV2;
    private final List<io.callcenter.model.calls.CallEvent> seenV2 = new ArrayList<>();

    LifecycleTopologyDriver(Duration maxCallDuration) {
        try {
            Path stateDir = Files.createTempDirectory("lifecycle-topology");
            IngestProperties ingest = new IngestProperties(URI.create("http://localhost:1"), null, RING_TIMEOUT, "",
                    "ingest-test", stateDir, null, null, "localhost:8081", maxCallDuration);
            StreamsBuilder builder = new StreamsBuilder();
            CallLifecycleTopology.build(builder, ingest, clock, new LiveCalls(), availableAgents);
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "lifecycle-topology-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            driver = new TopologyTestDriver(builder.build(), props, T0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        commands = driver.createInputTopic(Topics.CALL_COMMANDS, new StringSerializer(), new EventSerializer<>());
        agents = driver.createInputTopic(Topics.AGENT_EVENTS, new StringSerializer(), new EventSerializer<>());
        events = driver.createOutputTopic(Topics.CALL_EVENTS, new StringDeserializer(), new CallEventDeserializer());
        eventsV2 = driver.createOutputTopic(Topics.CALL_EVENTS_V2, new StringDeserializer(),
                new CallEventV2Deserializer());
    }

    void agent(int agentId, String status) {
        agent(agentId, status, null);
    }

    /** An agent's record removed from the topic (a tombstone, as compaction keeps it). */
    void agentRemoved(int agentId) {
        agents.pipeInput(Topics.agentKey(agentId), null);
    }

    void agent(int agentId, String status, String currentCallId) {
        agents.pipeInput(Topics.agentKey(agentId), new AgentStatusChanged(UUID.randomUUID(), clock.instant(), 1,
                agentId, agentId + 10_000, "Agent " + agentId, status, null, currentCallId));
    }

    void ring(String callId) {
        command(new StartCall(UUID.randomUUID(), clock.instant(), 1, callId, "0912345678", "1900", "softphone",
                null, null, new RequestedBy("voicebot", null)));
    }

    AnswerCall answer(String callId, int agentId, RequestedBy by) {
        AnswerCall answer = AnswerCall.of(callId, agentId, "crm_system", by);
        command(answer);
        return answer;
    }

    EndCall end(String callId, String reason, RequestedBy by) {
        EndCall end = EndCall.of(callId, reason, "crm_system", by);
        command(end);
        return end;
    }

    void command(CallCommand command) {
        commands.pipeInput(new TestRecord<>(command.callId(), command, clock.instant()));
    }

    /** Moves the injected clock and Kafka Streams' wall clock (which runs the sweep) together. */
    void advance(Duration by) {
        clock.advance(by);
        driver.advanceWallClockTime(by);
    }

    /** Every call event published so far, in order. */
    List<CallEvent> events() {
        seen.addAll(events.readValuesToList());
        return List.copyOf(seen);
    }

    /** Every call event published to call-events v2 so far, in order. */
    List<io.callcenter.model.calls.CallEvent> eventsV2() {
        seenV2.addAll(eventsV2.readValuesToList());
        return List.copyOf(seenV2);
    }

    <T extends CallEvent> List<T> events(Class<T> type, String callId) {
        return events().stream().filter(type::isInstance).map(type::cast)
                .filter(e -> callId == null || callId.equals(e.callId())).toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
