package io.callcenter.gateway;

import io.callcenter.model.Topics;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.crm.JoinedCallCenter;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallCommandDeserializer;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static io.callcenter.gateway.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Java client io.socket:socket.io-client 2.1.x over websocket only, polling only and default transports. */
@RealInfrastructure
class JavaClientTest {
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() {
        gateway = SharedGateways.first();
    }

    @Test
    void everyTransportConnectsJoinsAndReceivesTheExactPayload() {
        List<Function<String, JavaCrmClient>> transports = List.of(JavaCrmClient::websocketOnly,
                JavaCrmClient::pollingOnly, JavaCrmClient::connect);
        for (Function<String, JavaCrmClient> transport : transports) {
            try (JavaCrmClient crm = transport.apply(gateway.url()).awaitConnected()) {
                assertThat(crm.join()).isEqualTo(json(JoinedCallCenter.of("crm_system")));
                String callId = TestEvents.newCallId();
                IncomingCall incoming = TestEvents.incoming(callId);

                TestEvents.publish(incoming);

                assertThat(crm.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(callId)))
                        .isEqualTo(json(incoming.payload()));
            }
        }
    }

    @Test
    void aClientThatJoinsMidRingFirstGetsEveryRingingCallButNotAnsweredOrEndedOnes() {
        String ringing = TestEvents.newCallId();
        String answered = TestEvents.newCallId();
        String ended = TestEvents.newCallId();
        IncomingCall ringingCall = TestEvents.incoming(ringing);
        try (JavaCrmClient watcher = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            watcher.join();
            TestEvents.publish(ringingCall, TestEvents.incoming(answered), TestEvents.incoming(ended),
                    TestEvents.answered(answered, 4, null), TestEvents.ended(ended, "customer_hangup"));
            // once the gateway has delivered these to a joined CRM, a new CRM joins
            watcher.awaitEvent("call_answered", d -> d.get("call").get("callId").asString().equals(answered));
            watcher.awaitEvent("call_ended", d -> d.get("callId").asString().equals(ended));
            watcher.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(ringing));
        }

        try (JavaCrmClient late = JavaCrmClient.connect(gateway.url()).awaitConnected()) {
            late.join();

            List<Received> received = late.received();
            int joinedAt = indexOf(received, "joined_call_center");
            List<String> resynced = received.subList(joinedAt + 1, received.size()).stream()
                    .filter(r -> r.name().equals("incoming_call_to_crm"))
                    .map(r -> r.data().get("callId").asString()).toList();
            assertThat(resynced).contains(ringing).doesNotContain(answered, ended);
            assertThat(late.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(ringing)))
                    .isEqualTo(json(ringingCall.payload()));
        }
    }

    @Test
    void onlyClientsThatJoinedReceiveCallAndAgentEvents() {
        try (JavaCrmClient joined = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected();
             JavaCrmClient idle = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            joined.join();
            String callId = TestEvents.newCallId();
            int agentId = TestEvents.newAgentId();

            TestEvents.publish(TestEvents.agentStatus(agentId, "available", null), TestEvents.incoming(callId),
                    TestEvents.ended(callId, "customer_hangup"));
            joined.awaitEvent("call_ended", d -> d.get("callId").asString().equals(callId));
            // everything for the idle client was written before its joined_call_center, in order, if at all
            idle.join();

            List<Received> beforeJoin = idle.received().subList(0, indexOf(idle.received(), "joined_call_center"));
            assertThat(beforeJoin).isEmpty();
            assertThat(idle.received()).noneMatch(r ->
                    r.name().equals("agent_status_update") && r.data().get("agentId").asInt() == agentId);
            // the call ended before the idle client joined: it hears of it only from its join (recovery window)
            idle.awaitEvent("call_ended", d -> d.get("callId").asString().equals(callId));
            assertThat(idle.received()).filteredOn(r -> r.data() != null && r.data().has("callId")
                    && r.data().get("callId").asString().equals(callId)).extracting(Received::name)
                    .containsExactly("call_ended");
        }
    }

    @Test
    void aCommandBeforeJoiningIsRefusedAndNotPublished() throws Exception {
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             JavaCrmClient crm = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            String early = TestEvents.newCallId();

            JsonNode ack = crm.emitWithAck("answer_call", "{\"callId\":\"" + early + "\",\"agentId\":5}")
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(ack.get("success").asBoolean()).isFalse();
            assertThat(ack.get("error").get("code").asString()).isEqualTo("not_joined");
            JsonNode error = crm.awaitEvent("error", d -> true);
            assertThat(error.get("code").asString()).isEqualTo("not_joined");
            assertThat(error.get("event").asString()).isEqualTo("answer_call");
            assertThat(error.get("callId").asString()).isEqualTo(early);

            crm.join();
            String later = TestEvents.newCallId();
            // its ack waits for call-ingest's decision (CommandAckTest); here it is enough that it was published
            crm.emitWithAck("answer_call", "{\"callId\":\"" + later + "\",\"agentId\":5}");
            commands.awaitValues(c -> c.callId().equals(later), 1, JavaCrmClient.TIMEOUT);
            assertThat(commands.values()).extracting(CallCommand::callId).containsExactly(later);
        }
    }

    @Test
    void commandsBeyondTheRateLimitAreRefusedWithRateLimitedAndOnlyAcceptedOnesArePublished() throws Exception {
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             JavaCrmClient crm = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            crm.join();
            String prefix = "RL_" + TestEvents.newCallId().substring(5) + "_";
            List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                acks.add(crm.emitWithAck("end_call", "{\"callId\":\"" + prefix + i + "\"}"));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, java.util.concurrent.TimeUnit.SECONDS);

            // nothing plays call-ingest here: an accepted command's ack says timeout (no decision), a refused one
            // rate_limited at once
            assertThat(acks).allSatisfy(a -> assertThat(a.join().get("error").get("code").asString())
                    .isIn("rate_limited", "timeout"));
            long limited = acks.stream()
                    .filter(a -> a.join().get("error").get("code").asString().equals("rate_limited")).count();
            long accepted = acks.size() - limited;
            assertThat(limited).isPositive();
            assertThat(accepted).as("the burst, less the token the join took").isGreaterThanOrEqualTo(19);
            commands.awaitValues(c -> c.callId().startsWith(prefix), (int) accepted, JavaCrmClient.TIMEOUT);
            assertThat(crm.named("error")).hasSize((int) limited)
                    .allMatch(r -> r.data().get("code").asString().equals("rate_limited"));
            assertThat(crm.connected()).isTrue();
            assertThat(commands.values()).filteredOn(c -> c.callId().startsWith(prefix)).hasSize((int) accepted);
        }
    }

    @Test
    void connectingAndDisconnectingManyClientsLeavesNoClientBehind() throws Exception {
        int rounds = 10;
        int perRound = 20;
        for (int round = 0; round < rounds; round++) {
            List<JavaCrmClient> batch = new ArrayList<>();
            for (int i = 0; i < perRound; i++) {
                batch.add(i % 2 == 0 ? JavaCrmClient.websocketOnly(gateway.url())
                        : JavaCrmClient.pollingOnly(gateway.url()));
            }
            for (JavaCrmClient client : batch) {
                client.awaitConnected();
                if (client.hashCode() % 3 == 0) {
                    client.join();
                }
            }
            batch.forEach(JavaCrmClient::close);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(gateway.bean(io.callcenter.gateway.socket.ConnectedClients.class).connectedCount()).isZero();
            assertThat(gateway.libraryClientCount()).isZero();
        });
    }

    @Test
    void aJoinWithABadPayloadGetsAnErrorNamingTheProblemAndLeavesTheSocketNotJoined() throws Exception {
        record Case(String payload, String code, String mentions) {
        }
        List<Case> cases = List.of(
                new Case("\"crm_system\"", "invalid_payload", "got a string"),
                new Case("42", "invalid_payload", "got the number 42"),
                new Case("[\"crm_system\"]", "invalid_payload", "got an array"),
                new Case("{\"userType\":5}", "invalid_field", "'userType'"),
                new Case("{\"userType\":{\"kind\":\"crm\"}}", "invalid_field", "got an object"),
                new Case("{\"userType\":\"   \"}", "invalid_field", "'userType'"),
                new Case("{\"userType\":\"" + "x".repeat(65) + "\"}", "invalid_field", "got 65 characters"));
        try (JavaCrmClient crm = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);

                JsonNode ack = crm.emitWithAck("join_call_center", c.payload())
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);

                assertThat(ack.get("success").asBoolean()).as(c.toString()).isFalse();
                assertThat(ack.get("error").get("code").asString()).as(c.toString()).isEqualTo(c.code());
                int expected = i + 1;
                await().atMost(JavaCrmClient.TIMEOUT).until(() -> crm.named("error").size() >= expected);
                JsonNode error = crm.named("error").get(i).data();
                assertThat(error.get("code").asString()).as(c.toString()).isEqualTo(c.code());
                assertThat(error.get("message").asString()).as(c.toString()).contains(c.mentions());
                assertThat(error.get("event").asString()).as(c.toString()).isEqualTo("join_call_center");
            }
            assertThat(crm.named("joined_call_center")).isEmpty();
            JsonNode notJoined = crm.emitWithAck("end_call", "{\"callId\":\"" + TestEvents.newCallId() + "\"}")
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(notJoined.get("error").get("code").asString()).isEqualTo("not_joined");

            assertThat(crm.join()).isEqualTo(json(JoinedCallCenter.of("crm_system")));
        }
    }

    @Test
    void joinsBeyondTheRateLimitAreRefusedWithRateLimitedAndResendNothing() throws Exception {
        String ringing = TestEvents.newCallId();
        try (JavaCrmClient watcher = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            watcher.join();
            TestEvents.publish(TestEvents.incoming(ringing));
            watcher.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(ringing));
        }
        try (JavaCrmClient crm = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                acks.add(crm.emitWithAck("join_call_center", "{\"userType\":\"crm_system\"}"));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);

            long served = acks.stream().filter(a -> a.join().get("success").asBoolean()).count();
            List<JsonNode> refused = acks.stream().map(CompletableFuture::join)
                    .filter(a -> !a.get("success").asBoolean()).toList();
            assertThat(refused).isNotEmpty().allSatisfy(a ->
                    assertThat(a.get("error").get("code").asString()).isEqualTo("rate_limited"));
            assertThat(served).isGreaterThanOrEqualTo(20).isEqualTo(100 - refused.size());
            // each served join answers once and resends the ringing call once; a refused one sends neither
            await().atMost(JavaCrmClient.TIMEOUT).untilAsserted(() -> {
                assertThat(crm.named("joined_call_center")).hasSize((int) served);
                assertThat(crm.named("incoming_call_to_crm"))
                        .filteredOn(r -> r.data().get("callId").asString().equals(ringing)).hasSize((int) served);
                assertThat(crm.named("error")).hasSize(refused.size()).allMatch(r ->
                        r.data().get("code").asString().equals("rate_limited")
                                && r.data().get("event").asString().equals("join_call_center")
                                && r.data().get("message").asString().contains("per second"));
            });
            assertThat(crm.connected()).isTrue();
        }
    }

    @Test
    void anUnreadableRecordOnCallEventsIsSkippedAndDeliveryGoesOn() {
        try (JavaCrmClient crm = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            crm.join();
            String callId = TestEvents.newCallId();

            TestEvents.publishRaw(Topics.CALL_EVENTS_V2, callId, "{\"type\":\"Nonsense\",".getBytes());
            TestEvents.publish(TestEvents.incoming(callId));

            assertThat(crm.awaitEvent("incoming_call_to_crm", d -> d.get("callId").asString().equals(callId))
                    .get("callId").asString()).isEqualTo(callId);
            assertThat(crm.connected()).isTrue();
        }
    }

    private static int indexOf(List<Received> received, String name) {
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name + " not received: " + received);
    }
}
