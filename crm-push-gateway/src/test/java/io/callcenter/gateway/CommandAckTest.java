package io.callcenter.gateway;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.crm.CallEndedToCrm;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.model.events.RejectionCode;
import io.callcenter.model.serde.CallCommandDeserializer;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.callcenter.gateway.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ack of {@code answer_call} / {@code end_call} comes after call-ingest's decision, whichever gateway the command
 * came through: the test plays call-ingest on the real broker, deciding the commands it reads from call-commands the
 * way the lifecycle does (first answer wins) and publishing the outcomes that name them.
 */
@RealInfrastructure
class CommandAckTest {
    private static GatewayInstance a;
    private static GatewayInstance b;
    private static GatewayInstance impatient;

    @BeforeAll
    static void startGateways() {
        a = SharedGateways.first();
        b = SharedGateways.second();
        impatient = GatewayInstance.start("gw-impatient-" + ProcessHandle.current().pid(),
                Map.of("callcenter.gateway.commands.ack-timeout", "1s"));
    }

    @AfterAll
    static void stopImpatient() {
        impatient.close();
    }

    @Test
    void tenRacersThroughTwoGatewaysGetOneSuccessWithTheCallAndNineAlreadyAnswered() throws Exception {
        List<JavaCrmClient> crms = new ArrayList<>();
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer())) {
            for (int i = 0; i < 10; i++) {
                crms.add((i % 2 == 0 ? JavaCrmClient.websocketOnly(a.url()) : JavaCrmClient.pollingOnly(b.url()))
                        .awaitConnected());
            }
            crms.forEach(JavaCrmClient::join);
            String callId = TestEvents.newCallId();
            TestEvents.publish(TestEvents.incoming(callId));
            crms.forEach(crm -> crm.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(callId)));

            List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                acks.add(crms.get(i).emitWithAck("answer_call", "{\"callId\":\"" + callId + "\",\"agentId\":"
                        + (100 + i) + "}"));
            }
            List<AnswerCall> answers = commands.awaitValues(c -> c.callId().equals(callId), 10,
                    JavaCrmClient.TIMEOUT).stream().map(AnswerCall.class::cast).toList();
            AnswerCall first = answers.get(0);
            CallAnswered won = TestEvents.answered(callId, first.agentId(), first.requestedBy(), first.eventId());
            List<Object> outcomes = new ArrayList<>(List.of(won));
            answers.subList(1, 10).forEach(lost -> outcomes.add(CommandRejected.of(callId, lost.eventId(),
                    "answer_call", lost.requestedBy(), RejectionCode.ALREADY_ANSWERED,
                    "call " + callId + " was already answered", lost.agentId())));
            TestEvents.publish(outcomes.toArray());

            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            List<JsonNode> replies = acks.stream().map(CompletableFuture::join).toList();
            assertThat(replies).filteredOn(r -> r.get("success").asBoolean()).singleElement().isEqualTo(json(
                    Map.of("success", true, "call", Map.of("callId", callId, "status", "connected",
                            "agentInfo", won.payload().call().agentInfo()))));
            assertThat(replies).filteredOn(r -> !r.get("success").asBoolean()).hasSize(9)
                    .allSatisfy(r -> assertThat(r.get("error").get("code").asString()).isEqualTo("already_answered"));
            int winner = indexOfSocket(crms, first.requestedBy());
            assertThat(replies.get(winner).get("success").asBoolean()).as("the winner's own ack").isTrue();
            for (int i = 0; i < 10; i++) {
                if (i != winner) {
                    // the error event stays for clients that pass no ack callback
                    assertThat(crms.get(i).awaitEvent("error", d -> callId.equals(d.path("callId").asString(null)))
                            .get("code").asString()).isEqualTo("already_answered");
                }
            }
        } finally {
            crms.forEach(JavaCrmClient::close);
        }
    }

    @Test
    void endCallIsAckedWithTheEndedCallOnceCallIngestEndedIt() throws Exception {
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             JavaCrmClient crm = JavaCrmClient.websocketOnly(b.url()).awaitConnected()) {
            crm.join();
            String callId = TestEvents.newCallId();

            CompletableFuture<JsonNode> ack = crm.emitWithAck("end_call", "{\"callId\":\"" + callId
                    + "\",\"endReason\":\"crm_user_reject\"}");
            EndCall end = (EndCall) commands.awaitValues(c -> c.callId().equals(callId), 1, JavaCrmClient.TIMEOUT)
                    .get(0);
            TestEvents.publish(CallEnded.of(null, end.eventId(), end.requestedBy(),
                    CallEndedToCrm.of(callId, end.endReason(), 7)));

            assertThat(ack.get(60, TimeUnit.SECONDS)).isEqualTo(json(Map.of("success", true, "call",
                    Map.of("callId", callId, "status", "ended", "endReason", "crm_user_reject", "duration", 7))));
        }
    }

    @Test
    void withoutADecisionWithinTheAckTimeoutTheAckSaysTimeoutAndALateDecisionStillReachesEveryone() throws Exception {
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             JavaCrmClient crm = JavaCrmClient.websocketOnly(impatient.url()).awaitConnected()) {
            crm.join();
            String callId = TestEvents.newCallId();
            TestEvents.publish(TestEvents.incoming(callId));
            crm.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(callId));

            JsonNode ack = crm.emitWithAck("answer_call", "{\"callId\":\"" + callId + "\",\"agentId\":5}")
                    .get(60, TimeUnit.SECONDS);

            assertThat(ack.get("success").asBoolean()).isFalse();
            assertThat(ack.get("error").get("code").asString()).isEqualTo("timeout");
            assertThat(ack.get("error").get("message").asString()).contains("may still be applied");
            AnswerCall late = (AnswerCall) commands.awaitValues(c -> c.callId().equals(callId), 1,
                    JavaCrmClient.TIMEOUT).get(0);
            CallAnswered answered = TestEvents.answered(callId, 5, late.requestedBy(), late.eventId());
            TestEvents.publish(answered);
            assertThat(crm.awaitEvent("call_answered", d -> d.get("call").get("callId").asString().equals(callId)))
                    .isEqualTo(json(answered.payload()));
        }
    }

    private static int indexOfSocket(List<JavaCrmClient> crms, RequestedBy by) {
        for (int i = 0; i < crms.size(); i++) {
            if (crms.get(i).id().equals(by.socketId())) {
                return i;
            }
        }
        throw new AssertionError("no client with socket " + by);
    }
}
