package io.callcenter.agents;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.calls.CallEventsV1;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CallAnsweredToCrm;
import io.callcenter.model.crm.CallEndedToCrm;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.serde.EventHeaders;
import io.callcenter.model.serde.EventSerializer;
import io.callcenter.testing.RealInfrastructureExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class CallEventsTest extends AgentDirectoryIntegrationTest {
    private static final RequestedBy CRM = new RequestedBy("gw-test", "socket-1");
    private static KafkaProducer<String, Object> events;
    private static KafkaProducer<String, byte[]> raw;

    @BeforeAll
    static void producers() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructureExtension.infrastructure().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        events = new KafkaProducer<>(config, new StringSerializer(), new EventSerializer<>());
        raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducers() {
        events.close();
        raw.close();
    }

    @Test
    void answeredCallMakesTheAgentBusyAndItsEndMakesItAvailable() {
        int agent = createAgent("Nguyễn Thị Lan");
        String call = newCallId();

        send(call, answered(call, agent));

        AgentStatusChanged busy = awaitEvents(agent, 2).get(1);
        assertThat(busy.status()).isEqualTo("busy");
        assertThat(busy.previousStatus()).isEqualTo("available");
        assertThat(busy.currentCallId()).isEqualTo(call);
        JsonNode whileBusy = get("/api/agents/" + agent).data();
        assertThat(whileBusy.get("status").asString()).isEqualTo("busy");
        assertThat(whileBusy.get("currentCallId").asString()).isEqualTo(call);
        assertThat(ids("/api/agents/available")).doesNotContain(agent);

        send(call, ended(call, agent));

        AgentStatusChanged available = awaitEvents(agent, 3).get(2);
        assertThat(available.status()).isEqualTo("available");
        assertThat(available.previousStatus()).isEqualTo("busy");
        assertThat(available.currentCallId()).isNull();
        JsonNode afterCall = get("/api/agents/" + agent).data();
        assertThat(afterCall.get("status").asString()).isEqualTo("available");
        assertThat(afterCall.get("currentCallId").isNull()).isTrue();
        assertThat(ids("/api/agents/available")).contains(agent);
    }

    @Test
    void redeliveredEventsChangeAndPublishNothing() {
        int agent = createAgent("Trần Văn Minh");
        String call = newCallId();
        CallAnswered answer = answered(call, agent);
        CallEnded end = ended(call, agent);

        send(call, answer);
        send(call, answer);
        send(call, end);
        send(call, end);
        String laterCall = newCallId();
        // same record key, so same partition: once this one is applied, every duplicate before it has been too
        send(call, answered(laterCall, agent));

        List<AgentStatusChanged> published = awaitEvents(agent, 4);
        assertThat(published).extracting(AgentStatusChanged::previousStatus, AgentStatusChanged::status,
                        AgentStatusChanged::currentCallId)
                .containsExactly(
                        tuple(null, "available", null),
                        tuple("available", "busy", call),
                        tuple("busy", "available", null),
                        tuple("available", "busy", laterCall));
        assertThat(outboxRowsFor(agent)).isEqualTo(4);
    }

    @Test
    void replayOfAnAlreadyAppliedSequenceChangesNothingEvenTransiently() {
        int agent = createAgent("Đinh Thị Ngọc");
        String call = newCallId();
        CallAnswered answer = answered(call, agent);
        CallEnded end = ended(call, agent);
        send(call, answer);
        send(call, end);
        awaitEvents(agent, 3);

        // as after a consumer restart that had not committed its offsets: the same two events again
        send(call, answer);
        send(call, end);
        String laterCall = newCallId();
        send(call, answered(laterCall, agent));

        List<AgentStatusChanged> published = awaitEvents(agent, 4);
        assertThat(published).extracting(AgentStatusChanged::status, AgentStatusChanged::currentCallId)
                .containsExactly(
                        tuple("available", null),
                        tuple("busy", call),
                        tuple("available", null),
                        tuple("busy", laterCall));
        assertThat(jdbc.sql("SELECT count(*) FROM processed_call_events WHERE event_id IN (?, ?)")
                .params(answer.eventId(), end.eventId()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void endOfACallTheAgentIsNoLongerOnChangesNothing() {
        int agent = createAgent("Lê Hoàng Nam");
        String call = newCallId();
        send(call, answered(call, agent));
        awaitEvents(agent, 2);
        assertThat(put("/api/agents/" + agent + "/status", "{\"status\":\"away\"}").status()).isEqualTo(200);

        send(call, ended(call, agent));
        String otherCall = newCallId();
        send(call, ended(otherCall, agent));
        send(call, answered(otherCall, agent));

        List<AgentStatusChanged> published = awaitEvents(agent, 4);
        assertThat(published).extracting(AgentStatusChanged::status)
                .containsExactly("available", "busy", "away", "busy");
        assertThat(published.get(2).currentCallId()).as("leaving busy ends the call association").isNull();
        assertThat(published.get(3).currentCallId()).isEqualTo(otherCall);
    }

    @Test
    void unansweredCallEndAndUnknownAgentsAreIgnored() {
        int agent = createAgent("Phạm Thu Hà");
        int agentsBefore = count("agents");
        String call = newCallId();

        send(call, CallEnded.of(null, CRM, CallEndedToCrm.of(call, "customer_hangup", 3)));
        send(call, answered(call, 987654321));
        send(call, ended(call, 987654321));
        send(call, answered(call, agent));

        assertThat(awaitEvents(agent, 2).get(1).status()).isEqualTo("busy");
        assertThat(count("agents")).isEqualTo(agentsBefore);
        assertThat(agentEvents.values()).noneMatch(e -> e != null && e.agentId() == 987654321);
        assertThat(outboxRowsFor(987654321)).isZero();
    }

    @Test
    void malformedRecordIsSkippedAndTheNextOneStillApplied() throws Exception {
        int agent = createAgent("Võ Minh Tuấn");
        String call = newCallId();

        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(Topics.CALL_EVENTS_V2, call,
                "{not json".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add(EventHeaders.EVENT_TYPE, "CallAnswered".getBytes(StandardCharsets.UTF_8));
        raw.send(garbage).get();
        ProducerRecord<String, byte[]> unknownType = new ProducerRecord<>(Topics.CALL_EVENTS_V2, call,
                "{}".getBytes(StandardCharsets.UTF_8));
        unknownType.headers().add(EventHeaders.EVENT_TYPE, "CallTeleported".getBytes(StandardCharsets.UTF_8));
        raw.send(unknownType).get();
        send(call, answered(call, agent));

        AgentStatusChanged busy = awaitEvents(agent, 2).get(1);
        assertThat(busy.status()).isEqualTo("busy");
        assertThat(busy.currentCallId()).isEqualTo(call);
    }

    private List<Integer> ids(String path) {
        List<Integer> ids = new java.util.ArrayList<>();
        get(path).data().forEach(a -> ids.add(a.get("id").asInt()));
        return ids;
    }

    private static String newCallId() {
        return "CALL_" + UUID.randomUUID();
    }

    private static CallAnswered answered(String callId, int agentId) {
        return CallAnswered.of(agentId, CRM,
                CallAnsweredToCrm.of(callId, new AgentInfo(agentId, agentId, "agent", "busy"), null));
    }

    private static CallEnded ended(String callId, int agentId) {
        return CallEnded.of(agentId, CRM, CallEndedToCrm.of(callId, "crm_reject", 42));
    }

    /** The event as call-ingest writes it to call-events v2, the topic agent-directory reads. */
    private static void send(String key, CallEvent event) {
        try {
            events.send(new ProducerRecord<>(Topics.CALL_EVENTS_V2, key, CallEventsV1.toV2(event))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
