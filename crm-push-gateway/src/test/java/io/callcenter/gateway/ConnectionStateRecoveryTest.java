package io.callcenter.gateway;

import io.callcenter.gateway.socket.ConnectedClients;
import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Socket.IO connection-state recovery spoken as socket.io-client 4.6+ speaks it, over a raw websocket: a socket that
 * asks for it ({@code 40{"recovery":true}}) gets a {@code pid} and offsets on every broadcast; after its connection
 * drops, a new connection presenting that pid and its last offset gets {@code 40{"sid","pid"}} with the same pid and
 * exactly the broadcasts it missed, in order, with no join replay, and then the live ones. An unknown pid or an
 * offset this gateway cannot vouch for gets a new pid and nothing replayed. A socket that does not ask (the guide's
 * 4.0.0 client) gets events exactly as before: no pid, no extra argument.
 */
@RealInfrastructure
class ConnectionStateRecoveryTest {
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayInstance.start("gw-recovery-" + ProcessHandle.current().pid(), Map.of(
                "callcenter.gateway.commands.rate-limit-per-second", "0"));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    /** A raw websocket that has connected with this CONNECT data; its CONNECT answer parsed. */
    private record Connected(RawWebsocketSession socket, JsonNode answer) {
        String sid() {
            return answer.get("sid").asString();
        }
    }

    private static Connected connect(String data) throws Exception {
        RawWebsocketSession socket = RawWebsocketSession.open(gateway.url(), null).awaitReceived(1);
        socket.send("40" + data);
        await().atMost(JavaCrmClient.TIMEOUT).until(() -> socket.received().stream().anyMatch(f -> f.startsWith("40")));
        String answer = socket.received().stream().filter(f -> f.startsWith("40")).findFirst().orElseThrow();
        return new Connected(socket, CallcenterJson.mapper().readTree(answer.substring(2)));
    }

    private static void join(RawWebsocketSession socket) {
        socket.send("42[\"join_call_center\",{\"userType\":\"crm_system\",\"userId\":\"recovering\"}]");
        await().atMost(JavaCrmClient.TIMEOUT).until(() -> socket.received().stream()
                .anyMatch(f -> f.contains("joined_call_center")));
    }

    /** The arguments of every {@code incoming_call_to_crm} frame, in order. */
    private static List<JsonNode> incoming(RawWebsocketSession socket) {
        return socket.received().stream().filter(f -> f.startsWith("42[\"incoming_call_to_crm\""))
                .map(f -> CallcenterJson.mapper().readTree(f.substring(2))).toList();
    }

    private static JsonNode awaitIncoming(RawWebsocketSession socket, String callId) {
        await().atMost(JavaCrmClient.TIMEOUT).until(() -> incoming(socket).stream()
                .anyMatch(args -> args.get(1).get("callId").asString().equals(callId)));
        return incoming(socket).stream().filter(args -> args.get(1).get("callId").asString().equals(callId))
                .findFirst().orElseThrow();
    }

    private static void awaitGone(String sid) {
        ConnectedClients clients = gateway.bean(ConnectedClients.class);
        await().atMost(JavaCrmClient.TIMEOUT).until(() -> clients.get(UUID.fromString(sid)) == null);
    }

    @Test
    void aDroppedSocketThatPresentsItsPidAndOffsetGetsExactlyWhatItMissedThenLiveEvents() throws Exception {
        String before = TestEvents.newCallId();
        String missed1 = TestEvents.newCallId();
        String missed2 = TestEvents.newCallId();
        String after = TestEvents.newCallId();
        Connected first = connect("{\"recovery\":true}");
        String pid = first.answer().get("pid").asString();
        assertThat(pid).isNotBlank();
        join(first.socket());
        TestEvents.publish(TestEvents.incoming(before));
        JsonNode seen = awaitIncoming(first.socket(), before);
        assertThat(seen).hasSize(3);
        String lastOffset = seen.get(2).asString();

        first.socket().close(); // the connection drops (no disconnect packet), as when a gateway's network blips
        awaitGone(first.sid());
        List<String> broadcastOrder;
        try (JavaCrmClient witness = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            witness.join();
            TestEvents.publish(TestEvents.incoming(missed1), TestEvents.incoming(missed2));
            witness.awaitEvent("incoming_call_to_crm", c -> c.get("callId").asString().equals(missed2));
            witness.awaitEvent("incoming_call_to_crm", c -> c.get("callId").asString().equals(missed1));
            // two keys, two partitions: the gateway's order, which a recovered client must see, is the witness's
            broadcastOrder = witness.named("incoming_call_to_crm").stream().map(r -> r.data().get("callId")
                    .asString()).filter(List.of(missed1, missed2)::contains).toList();
        }

        Connected second = connect("{\"pid\":\"" + pid + "\",\"offset\":\"" + lastOffset + "\"}");
        try (RawWebsocketSession socket = second.socket()) {
            assertThat(second.answer().get("pid").asString()).as("recovered: the same pid").isEqualTo(pid);
            assertThat(second.sid()).isNotEqualTo(first.sid());
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> incoming(socket).size() >= 2);
            TestEvents.publish(TestEvents.incoming(after));
            awaitIncoming(socket, after);

            List<JsonNode> replayed = incoming(socket).stream().filter(args -> List.of(missed1, missed2, after, before)
                    .contains(args.get(1).get("callId").asString())).toList();
            assertThat(incoming(socket)).as("nothing but broadcasts since the offset: no join replay")
                    .allSatisfy(args -> assertThat(args).hasSize(3));
            assertThat(replayed).extracting(args -> args.get(1).get("callId").asString())
                    .containsExactly(broadcastOrder.get(0), broadcastOrder.get(1), after);
            assertThat(replayed).allSatisfy(args -> assertThat(args).hasSize(3));
            assertThat(socket.received()).noneMatch(f -> f.contains("joined_call_center"))
                    .noneMatch(f -> f.contains(before));
        }
    }

    @Test
    void anUnknownPidOrAnOffsetTheGatewayCannotVouchForGetsANewPidAndNothingReplayed() throws Exception {
        Connected first = connect("{\"recovery\":true}");
        String pid = first.answer().get("pid").asString();
        join(first.socket());
        String callId = TestEvents.newCallId();
        TestEvents.publish(TestEvents.incoming(callId));
        awaitIncoming(first.socket(), callId);
        first.socket().close();
        awaitGone(first.sid());

        for (String data : List.of("{\"pid\":\"" + UUID.randomUUID() + "\",\"offset\":\"x-1\"}",
                "{\"pid\":\"" + pid + "\",\"offset\":\"deadbeef-1\"}",
                "{\"pid\":\"" + pid + "\",\"offset\":\"" + "not-an-offset" + "\"}")) {
            Connected again = connect(data);
            try (RawWebsocketSession socket = again.socket()) {
                assertThat(again.answer().get("pid").asString()).as(data).isNotEqualTo(pid).isNotBlank();
                assertThat(gateway.bean(ConnectedClients.class).get(UUID.fromString(again.sid())).joined())
                        .as("%s: not joined, so the client resyncs through its join", data).isFalse();
            }
        }
    }

    @Test
    void aPidCanBeRecoveredOnlyOnce() throws Exception {
        Connected first = connect("{\"recovery\":true}");
        String pid = first.answer().get("pid").asString();
        join(first.socket());
        String callId = TestEvents.newCallId();
        TestEvents.publish(TestEvents.incoming(callId));
        String offset = awaitIncoming(first.socket(), callId).get(2).asString();
        first.socket().close();
        awaitGone(first.sid());
        String data = "{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}";

        try (RawWebsocketSession recovered = connect(data).socket();
             RawWebsocketSession copycat = connect(data).socket()) {
            assertThat(recovered.received()).anyMatch(f -> f.contains("\"pid\":\"" + pid + "\""));
            assertThat(copycat.received()).noneMatch(f -> f.contains("\"pid\":\"" + pid + "\""));
        }
    }

    @Test
    void socketIoClient48RecoversAfterItsConnectionDropsAndGetsExactlyTheMissedEvents() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NodeCrmClient.available(), NodeCrmClient.unavailableMessage());
        String before = TestEvents.newCallId();
        String missed = TestEvents.newCallId();
        String after = TestEvents.newCallId();
        try (NodeCrmClient crm = NodeCrmClient.startRecovering(gateway.url());
             JavaCrmClient witness = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
            witness.join();
            JsonNode firstConnect = crm.awaitLine("connect", line -> true);
            crm.awaitLine("event", line -> line.get("event").asString().equals("joined_call_center"));
            TestEvents.publish(TestEvents.incoming(before));
            crm.awaitLine("event", line -> line.toString().contains(before));

            crm.drop();
            crm.awaitLine("disconnect", line -> true);
            awaitGone(firstConnect.get("id").asString());
            TestEvents.publish(TestEvents.incoming(missed));
            witness.awaitEvent("incoming_call_to_crm", c -> c.get("callId").asString().equals(missed));
            JsonNode reconnect = crm.awaitLine("connect", line -> !line.get("id").asString()
                    .equals(firstConnect.get("id").asString()));
            crm.awaitLine("event", line -> line.toString().contains(missed));
            TestEvents.publish(TestEvents.incoming(after));
            crm.awaitLine("event", line -> line.toString().contains(after));

            assertThat(firstConnect.get("recovered").asBoolean()).isFalse();
            assertThat(reconnect.get("recovered").asBoolean()).as("socket.recovered").isTrue();
            List<String> ours = List.of(before, missed, after); // a join also resends other tests' ringing calls
            List<String> calls = crm.lines().stream().filter(l -> l.get("t").asString().equals("event")
                            && l.get("event").asString().equals("incoming_call_to_crm"))
                    .map(l -> l.get("args").get(0).get("callId").asString()).filter(ours::contains).toList();
            assertThat(calls).containsExactly(before, missed, after);
            assertThat(crm.lines().stream().filter(l -> l.get("t").asString().equals("event")
                    && l.get("event").asString().equals("joined_call_center"))).as("no second join").hasSize(1);
        }
    }

    @Test
    void aSocketThatDoesNotAskGetsNoPidAndEventsWithoutOffsets() throws Exception {
        Connected plain = connect("");
        try (RawWebsocketSession socket = plain.socket()) {
            assertThat(plain.answer().propertyNames()).containsExactly("sid");
            join(socket);
            String callId = TestEvents.newCallId();
            TestEvents.publish(TestEvents.incoming(callId));

            assertThat(awaitIncoming(socket, callId)).hasSize(2);
        }
    }
}
