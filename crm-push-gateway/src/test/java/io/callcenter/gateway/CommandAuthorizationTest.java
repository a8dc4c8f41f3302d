package io.callcenter.gateway;

import io.callcenter.gateway.fanout.ActiveCalls;
import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.serde.CallCommandDeserializer;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commands bound to the token's identity, on a gateway in the {@code prod} profile: {@code crm_system} answers and
 * ends for any agent; an {@code agent} token answers only as its own agent and ends only a call connected to it; a
 * token with no role commands nothing. A refused command gets {@code error forbidden}, at once an ack
 * {@code {success: false}}, and publishes nothing (an allowed one is published; its ack waits for call-ingest's
 * decision, which no call-ingest runs here to make) (shown by the next command for the same call, on the same
 * partition, being the only one published). A socket whose token expires gets {@code error token_expired}, is
 * disconnected and hears nothing more.
 */
@RealInfrastructure
class CommandAuthorizationTest {
    private static final String SECRET = "command-authorization-secret-0123456789abcdef";
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayInstance.start("gw-roles-" + ProcessHandle.current().pid(), Map.of(
                "spring.profiles.active", "prod",
                "callcenter.gateway.auth.jwt-secret", SECRET,
                "callcenter.gateway.auth.clock-skew", "0s",
                "callcenter.gateway.commands.rate-limit-per-second", "0"));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    private static JavaCrmClient joinedWith(String token) {
        // websocket: a join resends every call other test classes left ringing on the shared broker, more than a
        // long-polling client may have queued (slow-client.max-polling-queue)
        JavaCrmClient crm = JavaCrmClient.connect(gateway.url(), options -> {
            options.auth = Map.of("token", token);
            options.transports = new String[]{"websocket"};
        }).awaitConnected();
        crm.join();
        return crm;
    }

    private static String answer(String callId, int agentId) {
        return "{\"callId\":\"" + callId + "\",\"agentId\":" + agentId + "}";
    }

    private static String end(String callId) {
        return "{\"callId\":\"" + callId + "\",\"endReason\":\"crm_reject\"}";
    }

    @Test
    void aCrmSystemTokenAnswersAndEndsForAnyAgent() throws Exception {
        String callId = TestEvents.newCallId();
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             JavaCrmClient crm = joinedWith(TestTokens.crmSystem(SECRET))) {
            crm.emit("answer_call", answer(callId, 5));
            crm.emit("end_call", end(callId));

            List<CallCommand> published = commands.awaitValues(c -> c.callId().equals(callId), 2,
                    JavaCrmClient.TIMEOUT);
            assertThat(((AnswerCall) published.get(0)).agentId()).isEqualTo(5);
            assertThat(published.get(1)).isInstanceOf(EndCall.class);
        }
    }

    @Test
    void anAgentTokenAnswersOnlyAsItsOwnAgent() throws Exception {
        int agentId = TestEvents.newAgentId();
        String callId = TestEvents.newCallId();
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             JavaCrmClient agent = joinedWith(TestTokens.agent(SECRET, agentId))) {
            JsonNode refused = agent.emitWithAck("answer_call", answer(callId, agentId + 1)).get();
            agent.emit("answer_call", answer(callId, agentId));

            assertThat(refused.get("success").asBoolean()).isFalse();
            assertThat(refused.get("error").get("code").asString()).isEqualTo("forbidden");
            assertThat(refused.get("error").get("message").asString()).contains(String.valueOf(agentId + 1));
            assertThat(agent.awaitEvent("error", e -> e.get("callId").asString().equals(callId))
                    .get("code").asString()).isEqualTo("forbidden");
            List<CallCommand> published = commands.awaitValues(c -> c.callId().equals(callId), 1,
                    JavaCrmClient.TIMEOUT);
            assertThat(published).hasSize(1);
            assertThat(((AnswerCall) published.get(0)).agentId()).isEqualTo(agentId);
        }
    }

    @Test
    void anAgentTokenEndsOnlyACallConnectedToItsAgent() throws Exception {
        int agentId = TestEvents.newAgentId();
        String othersCall = TestEvents.newCallId();
        String ownCall = TestEvents.newCallId();
        String ringingCall = TestEvents.newCallId();
        RequestedBy someone = new RequestedBy("elsewhere", "socket");
        TestEvents.publish(TestEvents.incoming(othersCall), TestEvents.answered(othersCall, agentId + 1, someone),
                TestEvents.incoming(ownCall), TestEvents.answered(ownCall, agentId, someone),
                TestEvents.incoming(ringingCall));
        ActiveCalls calls = gateway.bean(ActiveCalls.class);
        await().atMost(JavaCrmClient.TIMEOUT).until(() -> calls.agentOf(othersCall) != null
                && calls.agentOf(ownCall) != null && calls.ringing().stream()
                .anyMatch(call -> call.callId().equals(ringingCall)));
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             JavaCrmClient agent = joinedWith(TestTokens.agent(SECRET, agentId));
             JavaCrmClient crm = joinedWith(TestTokens.crmSystem(SECRET))) {
            assertThat(agent.emitWithAck("end_call", end(othersCall)).get().get("error").get("code").asString())
                    .isEqualTo("forbidden");
            assertThat(agent.emitWithAck("end_call", end(ringingCall)).get().get("error").get("code").asString())
                    .isEqualTo("forbidden");
            agent.emit("end_call", end(ownCall));
            crm.emit("end_call", end(othersCall));
            crm.emit("end_call", end(ringingCall));

            for (String callId : List.of(othersCall, ringingCall)) {
                List<CallCommand> published = commands.awaitValues(c -> c.callId().equals(callId), 1,
                        JavaCrmClient.TIMEOUT);
                assertThat(published).as(callId).hasSize(1);
                assertThat(published.get(0).requestedBy().socketId()).as(callId).isEqualTo(crm.id());
            }
            assertThat(commands.awaitValues(c -> c.callId().equals(ownCall), 1, JavaCrmClient.TIMEOUT).get(0)
                    .requestedBy().socketId()).isEqualTo(agent.id());
        }
    }

    @Test
    void aTokenWithoutARoleWatchesButCannotCommand() throws Exception {
        String callId = TestEvents.newCallId();
        String watcherToken = TestTokens.hs256(SECRET, claims -> claims.subject("wallboard")
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(600))));
        try (JavaCrmClient watcher = joinedWith(watcherToken)) {
            TestEvents.publish(TestEvents.incoming(callId));
            watcher.awaitEvent("incoming_call_to_crm", call -> call.get("callId").asString().equals(callId));

            JsonNode ack = watcher.emitWithAck("answer_call", answer(callId, 3)).get();

            assertThat(ack.get("success").asBoolean()).isFalse();
            assertThat(ack.get("error").get("code").asString()).isEqualTo("forbidden");
        }
    }

    @Test
    void aSocketWhoseTokenExpiresIsToldAndDisconnectedAndHearsNothingMore() {
        try (JavaCrmClient expiring = joinedWith(TestTokens.crmSystemExpiringAt(SECRET,
                Instant.now().plusSeconds(4)));
             JavaCrmClient witness = joinedWith(TestTokens.crmSystem(SECRET))) {
            String expiringId = expiring.id();
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> !expiring.disconnects().isEmpty());
            String callId = TestEvents.newCallId();
            TestEvents.publish(TestEvents.incoming(callId));
            witness.awaitEvent("incoming_call_to_crm", call -> call.get("callId").asString().equals(callId));

            assertThat(expiring.named("error")).extracting(r -> r.data().get("code").asString())
                    .containsExactly("token_expired");
            assertThat(expiring.disconnects()).containsExactly("io server disconnect");
            assertThat(expiring.named("incoming_call_to_crm"))
                    .noneMatch(r -> r.data().get("callId").asString().equals(callId));
            assertThat(gateway.bean(io.callcenter.gateway.socket.ConnectedClients.class).bySocketId(expiringId))
                    .isNull();
        }
    }
}
