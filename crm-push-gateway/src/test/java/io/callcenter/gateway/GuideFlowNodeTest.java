package io.callcenter.gateway;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.crm.CrmError;
import io.callcenter.model.crm.JoinedCallCenter;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallCommandDeserializer;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static io.callcenter.gateway.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The integration guide's own client code (CRMCallIntegration on socket.io-client 4.0.0, Node 20, default
 * transports) against a real gateway and broker: every event with its exact payload, commands relayed, errors.
 */
@RealInfrastructure
class GuideFlowNodeTest {
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() {
        assumeTrue(NodeCrmClient.available(), NodeCrmClient.unavailableMessage());
        gateway = SharedGateways.first();
    }

    @Test
    void guideClientConnectsOverPollingJoinsAndUpgradesToWebsocket() {
        try (NodeCrmClient crm = NodeCrmClient.start(gateway.url())) {
            assertThat(crm.awaitConnected()).isNotBlank();
            JsonNode joined = crm.awaitJoined();
            assertThat(joined).isEqualTo(json(JoinedCallCenter.of("crm_system")));
            // the guide's words, not the shared model's: a change on either side must fail here
            assertThat(joined).isEqualTo(TestEvents.json(java.util.Map.of(
                    "message", "Joined call center as CRM system", "userType", "crm_system")));
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> crm.transport().equals("websocket"));
        }
    }

    @Test
    void everyGuideEventReachesTheGuideClientWithItsExactPayload() {
        try (NodeCrmClient crm = NodeCrmClient.start(gateway.url())) {
            crm.awaitConnected();
            crm.awaitJoined();
            String known = TestEvents.newCallId();
            String unknownCaller = TestEvents.newCallId();
            IncomingCall incoming = TestEvents.incoming(known);
            IncomingCall incomingNewCaller = TestEvents.incomingUnknownCaller(unknownCaller);
            CallAnswered answered = TestEvents.answered(known, 7, new RequestedBy("elsewhere", "socket"));
            CallEnded ended = TestEvents.ended(unknownCaller, "customer_hangup");
            AgentStatusChanged agent = TestEvents.agentStatus(TestEvents.newAgentId(), "busy", "available");

            TestEvents.publish(incoming, incomingNewCaller, answered, ended, agent);

            JsonNode ringing = crm.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(known));
            assertThat(ringing).isEqualTo(json(incoming.payload()));
            assertGuideShapeOfIncomingCall(ringing);
            JsonNode newCaller = crm.awaitEvent("incoming_call_to_crm",
                    d -> d.get("callId").asString().equals(unknownCaller));
            assertThat(newCaller).isEqualTo(json(incomingNewCaller.payload()));
            assertThat(newCaller.has("customerInfo")).as("customerInfo present as null").isTrue();
            assertThat(newCaller.get("customerInfo").isNull()).isTrue();
            assertThat(newCaller.propertyNames()).as("every key of the guide, null or not").containsExactlyInAnyOrder(
                    "callId", "callerNumber", "calledNumber", "assignedAgent", "customerInfo", "startTime", "status",
                    "source");
            JsonNode connected = crm.awaitEvent("call_answered",
                    d -> d.get("call").get("callId").asString().equals(known));
            assertThat(connected).isEqualTo(json(answered.payload()));
            assertThat(connected.propertyNames()).containsExactlyInAnyOrder("call", "message");
            assertThat(connected.get("message").asString()).isEqualTo("Cuộc gọi đã được kết nối");
            assertThat(connected.get("call").propertyNames())
                    .containsExactlyInAnyOrder("callId", "status", "agentInfo", "customerInfo");
            assertThat(connected.get("call").get("status").asString()).isEqualTo("connected");
            JsonNode over = crm.awaitEvent("call_ended", d -> d.get("callId").asString().equals(unknownCaller));
            assertThat(over).isEqualTo(json(ended.payload()));
            assertThat(over.propertyNames()).containsExactlyInAnyOrder("callId", "endReason", "duration", "message");
            assertThat(over.get("message").asString()).isEqualTo("Cuộc gọi đã kết thúc");
            assertThat(over.get("endReason").asString()).isEqualTo("customer_hangup");
            assertThat(over.get("duration").isIntegralNumber()).isTrue();
            JsonNode status = crm.awaitEvent("agent_status_update", d -> d.get("agentId").asInt() == agent.agentId());
            assertThat(status).isEqualTo(json(agent.toCrm()));
            assertThat(status.propertyNames())
                    .containsExactlyInAnyOrder("agentId", "agentName", "status", "previousStatus");
            assertThat(status.get("agentId").isIntegralNumber()).isTrue();
            assertThat(status.get("status").asString()).isEqualTo("busy");
            assertThat(status.get("previousStatus").asString()).isEqualTo("available");
        }
    }

    /**
     * The guide's "Data structure" of incoming_call_to_crm, key by key, written out here rather than taken from
     * shared-model, so that drift in the model fails this test.
     */
    private static void assertGuideShapeOfIncomingCall(JsonNode call) {
        assertThat(call.propertyNames()).containsExactlyInAnyOrder("callId", "callerNumber", "calledNumber",
                "assignedAgent", "customerInfo", "startTime", "status", "source");
        assertThat(call.get("assignedAgent").propertyNames())
                .containsExactlyInAnyOrder("id", "userId", "fullName", "status");
        assertThat(call.get("customerInfo").propertyNames())
                .containsExactlyInAnyOrder("id", "fullName", "phoneNumber", "email", "cif");
        assertThat(call.get("customerInfo").get("fullName").asString()).isEqualTo("Nguyễn Văn A");
        assertThat(call.get("status").asString()).isEqualTo("ringing");
        assertThat(call.get("source").asString()).isEqualTo("softphone");
        // "2025-09-22T05:46:34.487215": UTC, microseconds, no offset
        assertThat(call.get("startTime").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
    }

    @Test
    void answerAndRejectFromTheGuideClassAreRelayedAsCommandsFromThisSocket() throws Exception {
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             NodeCrmClient crm = NodeCrmClient.start(gateway.url())) {
            String socketId = crm.awaitConnected();
            crm.awaitJoined();
            String answeredCall = TestEvents.newCallId();
            String rejectedCall = TestEvents.newCallId();

            crm.answer(answeredCall, 7);
            crm.reject(rejectedCall, "crm_user_reject");

            AnswerCall answer = (AnswerCall) commands.awaitValues(c -> c.callId().equals(answeredCall), 1,
                    JavaCrmClient.TIMEOUT).get(0);
            assertThat(answer.agentId()).isEqualTo(7);
            assertThat(answer.source()).isEqualTo("crm_system");
            assertThat(answer.requestedBy()).isEqualTo(new RequestedBy(gateway.instanceId(), socketId));
            EndCall end = (EndCall) commands.awaitValues(c -> c.callId().equals(rejectedCall), 1,
                    JavaCrmClient.TIMEOUT).get(0);
            assertThat(end.endReason()).isEqualTo("crm_user_reject");
            assertThat(end.requestedBy()).isEqualTo(new RequestedBy(gateway.instanceId(), socketId));
            assertThat(commands.records()).filteredOn(r -> r.value().callId().equals(answeredCall))
                    .allSatisfy(r -> assertThat(r.key()).isEqualTo(answeredCall));
        }
    }

    @Test
    void aRejectionReachesTheSocketThatSentTheCommandAsAnErrorEvent() {
        try (NodeCrmClient crm = NodeCrmClient.start(gateway.url())) {
            String socketId = crm.awaitConnected();
            crm.awaitJoined();
            String callId = TestEvents.newCallId();
            CommandRejected rejected = TestEvents.rejected(callId, gateway.instanceId(), socketId);

            TestEvents.publish(rejected);

            assertThat(crm.awaitEvent("error", d -> callId.equals(d.path("callId").asString(null))))
                    .isEqualTo(json(new CrmError("already_answered", rejected.message(), "answer_call", callId)));
        }
    }

    @Test
    void anAckCallbackGetsTheWonCallOnceCallIngestDecidedAndTheErrorWhenInvalid() throws Exception {
        try (NodeCrmClient crm = NodeCrmClient.start(gateway.url());
             TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                     new CallCommandDeserializer())) {
            crm.awaitConnected();
            crm.awaitJoined();
            String callId = TestEvents.newCallId();

            crm.emit("answer_call", "[{\"callId\":\"" + callId + "\",\"agentId\":3,\"source\":\"crm_system\"}]", true);
            AnswerCall sent = (AnswerCall) commands.awaitValues(c -> c.callId().equals(callId), 1,
                    java.time.Duration.ofSeconds(60)).get(0);
            CallAnswered won = TestEvents.answered(callId, 3, sent.requestedBy(), sent.eventId());
            TestEvents.publish(won); // what call-ingest decides
            assertThat(crm.awaitLine("ack", l -> l.get("id").asInt() == 1).get("data"))
                    .isEqualTo(json(java.util.Map.of("success", true, "call", java.util.Map.of("callId", callId,
                            "status", "connected", "agentInfo", won.payload().call().agentInfo()))));

            crm.emit("answer_call", "[{\"callId\":\"" + callId + "\",\"agentId\":\"3\"}]", true);
            JsonNode refused = crm.awaitLine("ack", l -> l.get("id").asInt() == 2).get("data");
            assertThat(refused.get("success").asBoolean()).isFalse();
            assertThat(refused.get("error").get("code").asString()).isEqualTo("invalid_field");
            assertThat(refused.get("error").get("message").asString()).contains("'agentId'");
        }
    }

    @Test
    void eachBadInputGetsAnErrorNamingTheProblemPublishesNothingAndKeepsTheSocket() throws Exception {
        record Case(String event, String args, String code, String mentions) {
        }
        List<Case> cases = List.of(
                new Case("answer_call", "[\"CALL_1\"]", "invalid_payload", "JSON object"),
                new Case("answer_call", "[]", "invalid_payload", "JSON object"),
                new Case("answer_call", "[[1,2]]", "invalid_payload", "JSON object"),
                new Case("answer_call", "[{\"agentId\":1}]", "invalid_field", "'callId'"),
                new Case("answer_call", "[{\"callId\":123,\"agentId\":1}]", "invalid_field", "'callId'"),
                new Case("answer_call", "[{\"callId\":\"\",\"agentId\":1}]", "invalid_field", "'callId'"),
                new Case("answer_call", "[{\"callId\":\"" + "X".repeat(65) + "\",\"agentId\":1}]", "invalid_field",
                        "'callId'"),
                new Case("answer_call", "[{\"callId\":\"CALL 1; drop\",\"agentId\":1}]", "invalid_field", "'callId'"),
                new Case("answer_call", "[{\"callId\":\"CALL_1\"}]", "invalid_field", "'agentId'"),
                new Case("answer_call", "[{\"callId\":\"CALL_1\",\"agentId\":\"7\"}]", "invalid_field", "'agentId'"),
                new Case("answer_call", "[{\"callId\":\"CALL_1\",\"agentId\":1.5}]", "invalid_field", "'agentId'"),
                new Case("answer_call", "[{\"callId\":\"CALL_1\",\"agentId\":-4}]", "invalid_field", "'agentId'"),
                new Case("answer_call", "[{\"callId\":\"CALL_1\",\"agentId\":1,\"source\":7}]", "invalid_field",
                        "'source'"),
                new Case("end_call", "[42]", "invalid_payload", "JSON object"),
                new Case("end_call", "[{\"endReason\":\"crm_reject\"}]", "invalid_field", "'callId'"),
                new Case("end_call", "[{\"callId\":\"CALL_1\",\"endReason\":5}]", "invalid_field", "'endReason'"),
                new Case("hangup_everything", "[{\"callId\":\"CALL_1\"}]", "unknown_event", "hangup_everything"));
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             NodeCrmClient crm = NodeCrmClient.start(gateway.url())) {
            crm.awaitConnected();
            crm.awaitJoined();

            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                crm.emit(c.event(), c.args(), false);
                int expected = i + 1;
                await().atMost(JavaCrmClient.TIMEOUT).until(() -> crm.events("error").size() >= expected);
                JsonNode error = crm.events("error").get(i);
                assertThat(error.get("code").asString()).as(c.toString()).isEqualTo(c.code());
                assertThat(error.get("message").asString()).as(c.toString()).contains(c.mentions());
                assertThat(error.get("event").asString()).as(c.toString()).isEqualTo(c.event());
                assertThat(error.has("callId")).as("callId always present").isTrue();
            }

            String marker = TestEvents.newCallId();
            crm.answer(marker, 9);
            commands.awaitValues(c -> c.callId().equals(marker), 1, JavaCrmClient.TIMEOUT);
            assertThat(commands.values()).extracting(CallCommand::callId).containsExactly(marker);
            assertThat(crm.lines()).noneMatch(l -> l.get("t").asString().equals("disconnect"));
        }
    }
}
