package io.callcenter.stats.figures;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CallAnsweredToCrm;
import io.callcenter.model.crm.CallEndedToCrm;
import io.callcenter.model.crm.CrmTime;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.calls.CallEventsV1;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallStatsEventDeserializer;
import io.callcenter.model.serde.EventSerializer;
import io.callcenter.model.stats.CallCenterStatsUpdated;
import io.callcenter.model.stats.CallStatsEvent;
import io.callcenter.stats.StatsProperties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * call-stats' whole topology in a {@link TopologyTestDriver}: call and agent events in (each with the
 * {@code occurredAt} the test gives), snapshots out; the wall clock, which drives publishing, moves only when the
 * test says so.
 */
final class StatsTopologyDriver implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final RequestedBy VOICEBOT = new RequestedBy("call-ingest-1", null);
    static final RequestedBy CRM_SOCKET = new RequestedBy("gateway-1", "socket-1");

    final AtomicInteger lateDropped = new AtomicInteger();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, io.callcenter.model.calls.CallEvent> calls;
    private final TestInputTopic<String, AgentEvent> agents;
    private final TestOutputTopic<String, CallStatsEvent> stats;
    private Instant wallClock;

    StatsTopologyDriver(Instant wallClockStart, Duration grace) {
        try {
            Path stateDir = Files.createTempDirectory("stats-topology");
            StatsProperties properties = new StatsProperties(Duration.ofSeconds(20), grace, Duration.ofSeconds(1),
                    Duration.ofHours(2), stateDir.toString());
            StreamsBuilder builder = new StreamsBuilder();
            CallStatsTopology.build(builder, properties, lateDropped::incrementAndGet);
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stats-topology-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            driver = new TopologyTestDriver(builder.build(), props, wallClockStart);
            wallClock = wallClockStart;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        calls = driver.createInputTopic(Topics.CALL_EVENTS_V2, new StringSerializer(), new EventSerializer<>());
        agents = driver.createInputTopic(Topics.AGENT_EVENTS, new StringSerializer(), new EventSerializer<>());
        stats = driver.createOutputTopic(Topics.CALL_STATS, new StringDeserializer(), new CallStatsEventDeserializer());
    }

    static Instant at(String hhmmss) {
        return Instant.parse("2026-12-01T" + hhmmss + "Z");
    }

    void ring(String callId, Instant at) {
        IncomingCallToCrm payload = new IncomingCallToCrm(callId, "0912345678", "1900", null, null,
                CrmTime.format(at), IncomingCallToCrm.STATUS_RINGING, "test");
        pipe(new IncomingCall(UUID.randomUUID(), at, 1, callId, payload), at);
    }

    void answer(String callId, int agentId, Instant at) {
        pipe(new CallAnswered(UUID.randomUUID(), at, 1, callId, agentId, CRM_SOCKET,
                CallAnsweredToCrm.of(callId, new AgentInfo(agentId, agentId, "Agent " + agentId, "busy"), null),
                UUID.randomUUID()), at);
    }

    /** An end: {@code by} null for a timer (no command), {@link #VOICEBOT} or {@link #CRM_SOCKET}. */
    void end(String callId, String reason, RequestedBy by, Integer agentId, Instant at) {
        pipe(new CallEnded(UUID.randomUUID(), at, 1, callId, agentId, by, CallEndedToCrm.of(callId, reason, 0),
                by == null ? null : UUID.randomUUID()), at);
    }

    /** The event as call-ingest writes it to call-events v2, the topic call-stats reads. */
    void pipe(CallEvent event, Instant at) {
        calls.pipeInput(event.callId(), CallEventsV1.toV2(event), at);
    }

    void agent(int agentId, String status, Instant at) {
        agents.pipeInput(Integer.toString(agentId), new AgentStatusChanged(UUID.randomUUID(), at, 1, agentId,
                agentId, "Agent " + agentId, status, null, null), at);
    }

    /** Moves the wall clock to {@code instant} (publishing as it goes, once per interval). */
    void wallClockTo(Instant instant) {
        driver.advanceWallClockTime(Duration.between(wallClock, instant));
        wallClock = instant;
    }

    /** Every snapshot published since the last call. */
    List<CallCenterStatsUpdated> published() {
        return stats.readValuesToList().stream().map(CallCenterStatsUpdated.class::cast).toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
