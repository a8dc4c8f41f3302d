package io.callcenter.stats;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CallAnsweredToCrm;
import io.callcenter.model.crm.CallEndedToCrm;
import io.callcenter.model.crm.CrmTime;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.calls.CallEventsV1;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallStatsEventDeserializer;
import io.callcenter.model.serde.EventSerializer;
import io.callcenter.model.stats.CallCenterStatsUpdated;
import io.callcenter.model.stats.CallCenterStatsUpdated.AgentFigures;
import io.callcenter.model.stats.CallCenterStatsUpdated.CallFigures;
import io.callcenter.model.stats.CallStatsEvent;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.RealInfrastructureExtension;
import io.callcenter.testing.TopicRecorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * call-stats on the real broker, checked against the test's own count: a known sequence of calls (answered after
 * known delays, abandoned, timed out, rejected from a CRM) is published to call-events and agent-events; half of it
 * is counted, the processor is stopped, its local state deleted (so it must come back from the changelogs), the
 * other half and a redelivered event are published while it is down, and it is started again. The final snapshot
 * must hold exactly the test's count: nothing lost, nothing counted twice.
 * <p>
 * Barrier: after the sequence one sentinel call rings on every call-events partition. Each partition's facts reach
 * the aggregation in order, so a snapshot that counts all sentinels has counted everything before them.
 */
@RealInfrastructure
class CallStatsRestartTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final RequestedBy VOICEBOT = new RequestedBy("call-ingest-test", null);
    private static final RequestedBy CRM = new RequestedBy("gateway-test", "socket-test");
    private static final int AGENT_A = 901;
    private static final int AGENT_B = 902;

    /** One call of the script, times in seconds after the base; null when it did not happen. */
    record Script(String callId, int ring, Integer answer, Integer agent, Integer end, String reason,
                  RequestedBy endedBy) {
    }

    @Test
    void everyFigureMatchesTheTestsCountAcrossARestartWithLostLocalState() throws Exception {
        String applicationId = "call-stats-test-" + UUID.randomUUID().toString().substring(0, 8);
        Path stateDir = Path.of("target", "kafka-streams", applicationId).toAbsolutePath();
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(6));
        String run = applicationId.substring(applicationId.length() - 8);
        List<Script> before = List.of(
                new Script("A1-" + run, 0, 4, AGENT_A, 64, "customer_hangup", VOICEBOT),       // 4 s, handled 60 s
                new Script("A2-" + run, 10, 35, AGENT_B, 125, "customer_hangup", VOICEBOT),    // 25 s, handled 90 s
                new Script("A3-" + run, 20, null, null, 28, "customer_hangup", VOICEBOT),      // abandoned
                new Script("A4-" + run, 30, null, null, 75, "no_answer", null),                // not answered
                new Script("A5-" + run, 40, null, null, 50, "crm_reject", CRM));               // rejected
        List<Script> whileDown = List.of(
                new Script("B1-" + run, 120, 140, AGENT_A, 200, "customer_hangup", VOICEBOT),  // 20 s, handled 60 s
                new Script("B2-" + run, 150, null, null, 170, "customer_hangup", VOICEBOT),    // abandoned
                new Script("B3-" + run, 160, null, null, 205, "no_answer", null),              // not answered
                new Script("B4-" + run, 230, null, null, 236, "crm_user_reject", CRM),         // rejected
                new Script("B5-" + run, 300, null, null, null, null, null));                   // still ringing

        try (KafkaProducer<String, Object> kafka = producer();
             TopicRecorder<CallStatsEvent> stats = startAndRecord(applicationId, stateDir)) {
            try (ConfigurableApplicationContext first = start(applicationId, stateDir)) {
                agent(kafka, AGENT_A, "available", base.minusSeconds(60));
                agent(kafka, AGENT_B, "available", base.minusSeconds(60));
                publish(kafka, base, before);
                agent(kafka, AGENT_A, "busy", base.plusSeconds(4));
                agent(kafka, AGENT_A, "available", base.plusSeconds(64));
                agent(kafka, AGENT_B, "busy", base.plusSeconds(35));
                agent(kafka, AGENT_B, "available", base.plusSeconds(125));
                awaitSnapshot(stats, s -> s.lastHour().offered() == 5 && s.lastHour().handled() == 2
                        && s.lastHour().rejected() == 1 && s.lastHour().notAnswered() == 1);
            }
            FileSystemUtils.deleteRecursively(stateDir);

            publish(kafka, base, whileDown);
            agent(kafka, AGENT_A, "busy", base.plusSeconds(140));
            agent(kafka, AGENT_A, "available", base.plusSeconds(200));
            // redelivered (within the grace, so only the per-call state can tell): must count once
            Script b1 = whileDown.get(0);
            kafka.send(record(b1.callId(), ended(b1, base))).get();
            List<String> sentinels = new ArrayList<>();
            int partitions = kafka.partitionsFor(Topics.CALL_EVENTS_V2).size();
            for (int partition = 0; partition < partitions; partition++) {
                String sentinel = "S" + partition + "-" + run;
                sentinels.add(sentinel);
                Instant at = base.plusSeconds(310);
                kafka.send(new ProducerRecord<>(Topics.CALL_EVENTS_V2, partition, at.toEpochMilli(), sentinel,
                        CallEventsV1.toV2(incoming(sentinel, at)))).get();
            }

            try (ConfigurableApplicationContext second = start(applicationId, stateDir)) {
                CallCenterStatsUpdated snapshot = awaitSnapshot(stats,
                        s -> s.lastHour().offered() >= 10 + partitions);
                List<Script> all = new ArrayList<>(before);
                all.addAll(whileDown);
                sentinels.forEach(id -> all.add(new Script(id, 310, null, null, null, null, null)));

                // by hand: offered 10 + sentinels; answered A1 (4 s), A2 (25 s), B1 (20 s): within 20 s 2 of 9
                // outcomes; abandoned A3, B2; not answered A4, B3; rejected A5, B4; handled 60, 90, 60 s
                CallFigures hour = snapshot.lastHour();
                assertThat(hour).extracting(CallFigures::offered, CallFigures::answered, CallFigures::abandoned,
                                CallFigures::notAnswered, CallFigures::rejected, CallFigures::answeredWithinThreshold,
                                CallFigures::handled)
                        .containsExactly(10 + partitions, 3, 2, 2, 2, 2, 3);
                assertThat(hour.serviceLevel()).isEqualTo(0.2222);
                assertThat(hour.avgTimeToAnswerSeconds()).isEqualTo(16.333);
                assertThat(hour.p90TimeToAnswerSeconds()).isEqualTo(25.0);
                assertThat(hour.avgHandleTimeSeconds()).isEqualTo(70.0);
                assertThat(snapshot.last15Minutes()).isEqualTo(withTimes(hour, snapshot.last15Minutes()));

                // every minute as the test counts it
                for (CallFigures minute : snapshot.minutes()) {
                    assertThat(minute).as("minute %s", minute.from())
                            .isEqualTo(count(all, base, minute.from(), minute.to()));
                }

                Instant now = snapshot.occurredAt();
                assertThat(snapshot.now().ringing()).isEqualTo(1 + partitions);
                assertThat(snapshot.now().longestWaitingCallId()).isEqualTo("B5-" + run);
                assertThat(snapshot.now().longestWaitingSeconds())
                        .isEqualTo(Duration.between(base.plusSeconds(300), now).toMillis() / 1000.0);
                assertThat(snapshot.now().agentsByStatus().available()).isEqualTo(2);

                // agents: available since base - 60 s; A busy 60 + 60 s, B busy 90 s, both available otherwise
                double staffedSeconds = Duration.between(base.minusSeconds(60), now).toMillis() / 1000.0;
                AgentFigures agentA = agent(snapshot, AGENT_A);
                assertThat(agentA.last15Minutes().callsHandled()).isEqualTo(2);
                assertThat(agentA.last15Minutes().talkTimeSeconds()).isEqualTo(120.0);
                assertThat(agentA.last15Minutes().occupancy()).isCloseTo(120 / staffedSeconds, within(0.0001));
                AgentFigures agentB = agent(snapshot, AGENT_B);
                assertThat(agentB.lastHour().callsHandled()).isEqualTo(1);
                assertThat(agentB.lastHour().talkTimeSeconds()).isEqualTo(90.0);
                assertThat(agentB.lastHour().occupancy()).isCloseTo(90 / staffedSeconds, within(0.0001));
            }
        }
    }

    /** The test's own count of one minute, straight from the script. */
    private static CallFigures count(List<Script> calls, Instant base, Instant from, Instant to) {
        int offered = 0, answered = 0, abandoned = 0, notAnswered = 0, rejected = 0, within = 0, handled = 0;
        List<Long> waits = new ArrayList<>();
        long handleMs = 0;
        for (Script call : calls) {
            if (in(base, call.ring(), from, to)) {
                offered++;
            }
            if (call.answer() != null && in(base, call.answer(), from, to)) {
                answered++;
                long wait = (call.answer() - call.ring()) * 1000L;
                waits.add(wait);
                within += wait <= 20_000 ? 1 : 0;
            }
            if (call.end() != null && in(base, call.end(), from, to)) {
                if (call.answer() != null) {
                    handled++;
                    handleMs += (call.end() - call.answer()) * 1000L;
                } else if (call.reason().equals("no_answer")) {
                    notAnswered++;
                } else if (call.endedBy() == CRM) {
                    rejected++;
                } else {
                    abandoned++;
                }
            }
        }
        waits.sort(null);
        int outcomes = answered + abandoned + notAnswered + rejected;
        return new CallFigures(from, to, offered, answered, abandoned, notAnswered, rejected, within,
                outcomes == 0 ? null : Math.round(10_000.0 * within / outcomes) / 10_000.0,
                waits.isEmpty() ? null : waits.stream().mapToLong(w -> w).sum() / waits.size() / 1000.0,
                waits.isEmpty() ? null : waits.get((int) Math.ceil(waits.size() * 0.9) - 1) / 1000.0,
                handled, handled == 0 ? null : handleMs / handled / 1000.0);
    }

    private static boolean in(Instant base, int second, Instant from, Instant to) {
        Instant at = base.plusSeconds(second);
        return !at.isBefore(from) && at.isBefore(to);
    }

    private static CallFigures withTimes(CallFigures figures, CallFigures times) {
        return new CallFigures(times.from(), times.to(), figures.offered(), figures.answered(), figures.abandoned(),
                figures.notAnswered(), figures.rejected(), figures.answeredWithinThreshold(), figures.serviceLevel(),
                figures.avgTimeToAnswerSeconds(), figures.p90TimeToAnswerSeconds(), figures.handled(),
                figures.avgHandleTimeSeconds());
    }

    private static AgentFigures agent(CallCenterStatsUpdated snapshot, int agentId) {
        return snapshot.agents().stream().filter(a -> a.agentId() == agentId).findFirst().orElseThrow();
    }

    private static CallCenterStatsUpdated awaitSnapshot(TopicRecorder<CallStatsEvent> stats,
                                                        Predicate<CallCenterStatsUpdated> matching) {
        await().atMost(WAIT).until(() -> stats.values().stream()
                .anyMatch(v -> v instanceof CallCenterStatsUpdated s && matching.test(s)));
        return stats.values().stream().filter(v -> v instanceof CallCenterStatsUpdated s && matching.test(s))
                .map(CallCenterStatsUpdated.class::cast).findFirst().orElseThrow();
    }

    private static TopicRecorder<CallStatsEvent> startAndRecord(String applicationId, Path stateDir) {
        // the first start creates the topics (service-kit) the recorder and the producer need
        start(applicationId + "-topics", stateDir.resolveSibling(applicationId + "-topics")).close();
        return TopicRecorder.fromNow(Topics.CALL_STATS, new CallStatsEventDeserializer());
    }

    private static ConfigurableApplicationContext start(String applicationId, Path stateDir) {
        Map<String, String> settings = Map.of(
                "server.port", "0",
                "spring.kafka.streams.application-id", applicationId,
                "callcenter.stats.state-dir", stateDir.toString());
        return new SpringApplicationBuilder(CallStatsApplication.class).run(settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static void publish(KafkaProducer<String, Object> kafka, Instant base, List<Script> calls)
            throws Exception {
        List<ProducerRecord<String, Object>> records = new ArrayList<>();
        for (Script call : calls) {
            records.add(record(call.callId(), incoming(call.callId(), base.plusSeconds(call.ring()))));
            if (call.answer() != null) {
                Instant at = base.plusSeconds(call.answer());
                records.add(record(call.callId(), new CallAnswered(UUID.randomUUID(), at, 1, call.callId(),
                        call.agent(), CRM, CallAnsweredToCrm.of(call.callId(), new AgentInfo(call.agent(),
                        call.agent(), "Agent " + call.agent(), "busy"), null), UUID.randomUUID())));
            }
            if (call.end() != null) {
                records.add(record(call.callId(), ended(call, base)));
            }
        }
        records.sort(java.util.Comparator.comparing(ProducerRecord::timestamp));
        for (ProducerRecord<String, Object> record : records) {
            kafka.send(record).get();
        }
    }

    private static CallEnded ended(Script call, Instant base) {
        Instant at = base.plusSeconds(call.end());
        return new CallEnded(UUID.randomUUID(), at, 1, call.callId(), call.answer() == null ? null : call.agent(),
                call.endedBy(), CallEndedToCrm.of(call.callId(), call.reason(), call.end() - call.ring()),
                call.endedBy() == null ? null : UUID.randomUUID());
    }

    private static IncomingCall incoming(String callId, Instant at) {
        return new IncomingCall(UUID.randomUUID(), at, 1, callId, new IncomingCallToCrm(callId, "0912345678", "1900",
                null, null, CrmTime.format(at), IncomingCallToCrm.STATUS_RINGING, "test"));
    }

    /** The event as call-ingest writes it to call-events v2, the topic call-stats reads. */
    private static ProducerRecord<String, Object> record(String callId, io.callcenter.model.events.CallEvent event) {
        Instant at = event.occurredAt();
        return new ProducerRecord<>(Topics.CALL_EVENTS_V2, null, at.toEpochMilli(), callId, CallEventsV1.toV2(event));
    }

    private static void agent(KafkaProducer<String, Object> kafka, int agentId, String status, Instant at)
            throws Exception {
        kafka.send(new ProducerRecord<>(Topics.AGENT_EVENTS, null, at.toEpochMilli(), Topics.agentKey(agentId),
                new AgentStatusChanged(UUID.randomUUID(), at, 1, agentId, agentId, "Agent " + agentId, status, null,
                        null))).get();
    }

    private static KafkaProducer<String, Object> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructureExtension.infrastructure().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EventSerializer<>());
    }
}
