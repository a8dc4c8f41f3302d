package io.callcenter.gateway;

import io.callcenter.gateway.socket.ConnectedClients;
import io.callcenter.model.Topics;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.serde.CallCommandDeserializer;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code max-payload-bytes} (64 KiB, the default) with the Java client over websocket and over polling: the limit is
 * on the Socket.IO packet as sent, {@code 42["event",{...}]} (a websocket frame's payload, a polling POST's body). A
 * packet of exactly 65,536 bytes is read and judged like any other; one byte more and the connection is closed before
 * the packet is read, so nothing reaches the command relay and the client gets no {@code error} and no ack, only a
 * transport error and {@code disconnect} with reason {@code transport error}.
 */
@RealInfrastructure
class PayloadLimitTest {
    private static final int LIMIT = 64 * 1024;
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() {
        gateway = SharedGateways.first();
        assertThat(gateway.bean(GatewayProperties.class).maxPayloadBytes()).isEqualTo(LIMIT);
    }

    @Test
    void overWebsocketAPacketOneByteOverTheLimitClosesTheConnectionAndPublishesNothing() throws Exception {
        assertOverTheLimitIsDropped(JavaCrmClient::websocketOnly, "websocket error");
    }

    @Test
    void overPollingAPacketOneByteOverTheLimitClosesTheConnectionAndPublishesNothing() throws Exception {
        assertOverTheLimitIsDropped(JavaCrmClient::pollingOnly, "xhr post error");
    }

    @Test
    void overWebsocketABadPacketOfExactlyTheLimitGetsTheUsualErrorAndTheSocketStays() throws Exception {
        assertAtTheLimitIsJudged(JavaCrmClient::websocketOnly);
    }

    @Test
    void overPollingABadPacketOfExactlyTheLimitGetsTheUsualErrorAndTheSocketStays() throws Exception {
        assertAtTheLimitIsJudged(JavaCrmClient::pollingOnly);
    }

    private static void assertOverTheLimitIsDropped(Function<String, JavaCrmClient> transport, String transportError)
            throws Exception {
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             JavaCrmClient crm = transport.apply(gateway.url()).awaitConnected()) {
            crm.join();
            String socketId = crm.id();
            String callId = TestEvents.newCallId();
            // a valid answer_call: were it read, it would be published
            String tooLarge = answerCall(callId, noteForPacketSize(callId, LIMIT + 1));
            assertThat(packetSize(tooLarge)).isEqualTo(LIMIT + 1);

            crm.emit("answer_call", tooLarge);

            await().atMost(JavaCrmClient.TIMEOUT).until(() -> !crm.disconnects().isEmpty());
            assertThat(crm.disconnects()).containsExactly("transport error");
            assertThat(crm.transportErrors()).singleElement().asString().startsWith(transportError);
            assertThat(crm.named("error")).isEmpty();
            if (transportError.startsWith("websocket")) {
                // its channel is closed, so the gateway forgets the socket at once (a polling session lingers
                // until ping interval + ping timeout, like any client that vanishes)
                await().atMost(JavaCrmClient.TIMEOUT).until(() ->
                        gateway.bean(ConnectedClients.class).bySocketId(socketId) == null);
            }
            // same key, same partition: an answer_call published from the large packet would come first
            try (JavaCrmClient other = JavaCrmClient.websocketOnly(gateway.url()).awaitConnected()) {
                other.join();
                other.emitWithAck("end_call", "{\"callId\":\"" + callId + "\"}").get(30, TimeUnit.SECONDS);
            }
            commands.awaitValues(c -> c.callId().equals(callId), 1, JavaCrmClient.TIMEOUT);
            assertThat(commands.values()).filteredOn(c -> c.callId().equals(callId)).singleElement()
                    .isInstanceOf(EndCall.class);
        }
    }

    private static void assertAtTheLimitIsJudged(Function<String, JavaCrmClient> transport) throws Exception {
        try (JavaCrmClient crm = transport.apply(gateway.url()).awaitConnected()) {
            crm.join();
            // a callId far longer than 64 characters: refused by the validator, not by the size limit
            String atTheLimit = answerCall("X".repeat(LIMIT - packetSize(answerCall("", null))), null);
            assertThat(packetSize(atTheLimit)).isEqualTo(LIMIT);

            crm.emit("answer_call", atTheLimit); // no ack: its id would make the packet longer

            JsonNode error = crm.awaitEvent("error", d -> d.path("event").asString("").equals("answer_call"));
            assertThat(error.get("code").asString()).isEqualTo("invalid_field");
            assertThat(error.get("message").asString()).contains("'callId'");
            assertThat(crm.connected()).isTrue();
            assertThat(crm.disconnects()).isEmpty();
        }
    }

    /** {@code {"callId":"...","agentId":5}}, plus {@code "note":"..."} when {@code note} is not null. */
    private static String answerCall(String callId, String note) {
        return "{\"callId\":\"" + callId + "\",\"agentId\":5" + (note == null ? "" : ",\"note\":\"" + note + "\"")
                + "}";
    }

    /** A note that makes {@link #answerCall}'s packet exactly {@code size} bytes. */
    private static String noteForPacketSize(String callId, int size) {
        return "x".repeat(size - packetSize(answerCall(callId, "")));
    }

    /** The Socket.IO event packet the client sends: {@code 42["answer_call",<json>]} (the JSON has no spaces). */
    private static int packetSize(String json) {
        return ("42[\"answer_call\"," + json + "]").getBytes(StandardCharsets.UTF_8).length;
    }
}
