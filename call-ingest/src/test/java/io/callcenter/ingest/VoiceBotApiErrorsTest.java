package io.callcenter.ingest;

import io.callcenter.ingest.support.CommandFlow;
import io.callcenter.ingest.support.IngestTestProperties;
import io.callcenter.ingest.support.KafkaTestPublisher;
import io.callcenter.ingest.support.RemoteServicesStub;
import io.callcenter.ingest.support.VoiceBotClient;
import io.callcenter.model.Topics;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.commands.StartCall;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallCommandDeserializer;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.stream.Stream;

import static io.callcenter.ingest.support.KafkaTestPublisher.newCallId;
import static io.callcenter.ingest.support.LifecycleEvents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every refused VoiceBot request gets the error envelope naming what is wrong and publishes nothing. "Nothing" is
 * checked with a marker: after the refused request a valid call is posted; once its command and event arrive,
 * anything the refused request had published would have arrived before them.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"callcenter.ingest.api-key=" + VoiceBotApiErrorsTest.API_KEY,
                "callcenter.ingest.ring-timeout=10m"}) // no timer event may cross the "nothing published" checks
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class VoiceBotApiErrorsTest {
    static final String API_KEY = "test-api-key-5f2c";
    private static final RemoteServicesStub remote = new RemoteServicesStub();
    private static final String BAD_CALL_ID = "CALL_REFUSED_1";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        IngestTestProperties.register(registry, remote.url());
    }

    @LocalServerPort
    int port;
    VoiceBotClient voiceBot;
    TopicRecorder<CallCommand> commands;
    TopicRecorder<CallEvent> events;

    @BeforeEach
    void setUp() {
        voiceBot = new VoiceBotClient(port, API_KEY);
        await().atMost(WAIT).until(() -> voiceBot.get("/api/v1/calls").status() == 200);
        try (KafkaTestPublisher kafka = new KafkaTestPublisher();
             TopicRecorder<CallEvent> probeAnswers = TopicRecorder.fromNow(Topics.CALL_EVENTS,
                     new CallEventDeserializer())) {
            CommandFlow.awaitEveryPartitionConsumed(port, kafka, probeAnswers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS, new CallCommandDeserializer());
        events = TopicRecorder.fromNow(Topics.CALL_EVENTS, new CallEventDeserializer());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        commands.close();
        events.close();
    }

    static Stream<Arguments> refusedNewCalls() {
        String tooLong = "C".repeat(65);
        return Stream.of(
                Arguments.of("{\"callId\":\"" + BAD_CALL_ID + "\",\"calledNumber\":\"1900\"}", "callerNumber"),
                Arguments.of("{\"callId\":\"" + BAD_CALL_ID + "\",\"callerNumber\":\"\"}", "callerNumber"),
                Arguments.of("{\"callId\":\"" + BAD_CALL_ID + "\",\"callerNumber\":null}", "callerNumber"),
                Arguments.of("{\"callId\":\"" + BAD_CALL_ID + "\",\"callerNumber\":912345678}", "callerNumber"),
                Arguments.of("{\"callId\":\"" + BAD_CALL_ID + "\",\"callerNumber\":true}", "callerNumber"),
                Arguments.of("{\"callId\":\"" + BAD_CALL_ID + "\",\"callerNumber\":{\"n\":1}}", "callerNumber"),
                Arguments.of("{\"callId\":\"" + BAD_CALL_ID + "\",\"callerNumber\":[\"0912\"]}", "callerNumber"),
                Arguments.of("{\"callId\":\"" + BAD_CALL_ID + "\",\"callerNumber\":\"call me\"}", "callerNumber"),
                Arguments.of("{\"callId\":\"" + BAD_CALL_ID + "\",\"callerNumber\":\"0912345678\","
                        + "\"calledNumber\":1900}", "calledNumber"),
                Arguments.of("{\"callId\":\"" + BAD_CALL_ID + "\",\"callerNumber\":\"0912345678\","
                        + "\"source\":false}", "source"),
                Arguments.of("{\"callId\":\"bad id/with spaces\",\"callerNumber\":\"0912345678\"}", "callId"),
                Arguments.of("{\"callId\":\"" + tooLong + "\",\"callerNumber\":\"0912345678\"}", "callId"),
                Arguments.of("{\"callId\":12345,\"callerNumber\":\"0912345678\"}", "callId"),
                Arguments.of("{\"callId\":\"" + BAD_CALL_ID + "\",\"callerNumber\":\"0912345678\"", "JSON"),
                Arguments.of("[{\"callerNumber\":\"0912345678\"}]", "JSON object"),
                Arguments.of("", "body"));
    }

    @ParameterizedTest
    @MethodSource("refusedNewCalls")
    void refusedNewCallIs400NamingTheFieldAndPublishesNothing(String body, String named) {
        VoiceBotClient.Response refused = voiceBot.post("/api/v1/calls", body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("success").asBoolean()).isFalse();
        assertThat(refused.error().path("code").asString()).isNotBlank();
        assertThat(refused.error().path("message").asString()).contains(named);
        assertNothingPublishedBeforeAMarkerCall();
    }

    @Test
    void missingOrWrongApiKeyIs401AndPublishesNothing() {
        String body = "{\"callId\":\"" + BAD_CALL_ID + "\",\"callerNumber\":\"0912345678\"}";
        VoiceBotClient.Response missing = new VoiceBotClient(port).post("/api/v1/calls", body);
        VoiceBotClient.Response wrong = voiceBot.withApiKey("not-the-key").post("/api/v1/calls", body);
        VoiceBotClient.Response wrongOnEnd = voiceBot.withApiKey("not-the-key")
                .endCall(BAD_CALL_ID, "customer_hangup");
        VoiceBotClient.Response missingOnRead = new VoiceBotClient(port).get("/api/v1/calls");

        for (VoiceBotClient.Response refused : new VoiceBotClient.Response[]{missing, wrong, wrongOnEnd,
                missingOnRead}) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().path("success").asBoolean()).isFalse();
            assertThat(refused.error().path("code").asString()).isEqualTo("unauthorized");
            assertThat(refused.error().path("message").asString()).contains("X-Api-Key");
        }
        assertNothingPublishedBeforeAMarkerCall();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%61pi/v1/calls", "/api;x=1/v1/calls", "/api/v1/calls;x=1", "/API/v1/calls",
            "/actuator/../api/v1/calls", "//api/v1/calls"})
    void apiKeyCannotBeBypassedByHowThePathIsSpelled(String path) {
        String body = "{\"callId\":\"" + BAD_CALL_ID + "\",\"callerNumber\":\"0912345678\"}";
        VoiceBotClient.Response refused = new VoiceBotClient(port).post(path, body);

        assertThat(refused.status()).as("POST %s without a key", path).isIn(400, 401, 404);
        assertNothingPublishedBeforeAMarkerCall();
    }

    @Test
    void pathTomcatCannotDecodeGetsTheErrorEnvelope() {
        VoiceBotClient.Response refused = voiceBot.get("/api/v1/calls/%FF%FE");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("success").asBoolean()).isFalse();
        assertThat(refused.error().path("message").asString()).contains("400");
    }

    @Test
    void actuatorHealthStaysOpenAndReportsKafkaStreams() {
        VoiceBotClient.Response health = new VoiceBotClient(port).get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("components").path("kafkaStreams").path("details").path("state").asString())
                .isEqualTo("RUNNING");
    }

    @Test
    void prometheusExposesStreamsAndCircuitBreakerMetrics() {
        VoiceBotClient.Response metrics = new VoiceBotClient(port).get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("resilience4j_circuitbreaker_state").contains("kafka_stream_");
    }

    @Test
    void endingAnUnknownCallIs404AndPublishesNothing() {
        VoiceBotClient.Response refused = voiceBot.endCall(BAD_CALL_ID, "customer_hangup");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.error().path("code").asString()).isEqualTo("call_not_found");
        assertThat(refused.error().path("message").asString()).contains(BAD_CALL_ID);
        assertNothingPublishedBeforeAMarkerCall();
    }

    static Stream<Arguments> refusedEnds() {
        return Stream.of(
                Arguments.of("{}", "endReason"),
                Arguments.of("{\"endReason\":\"\"}", "endReason"),
                Arguments.of("{\"endReason\":42}", "endReason"),
                Arguments.of("{\"endReason\":\"hung up!\"}", "endReason"),
                Arguments.of("{\"endReason\":", "JSON"),
                Arguments.of("", "body"));
    }

    @ParameterizedTest
    @MethodSource("refusedEnds")
    void refusedEndOfAKnownCallIs400NamingTheFieldAndPublishesNothing(String body, String named) {
        String callId = newCallId("refused-end");
        assertThat(voiceBot.startCall(callId, "0912345678").status()).isEqualTo(202);

        VoiceBotClient.Response refused = voiceBot.post("/api/v1/calls/" + callId + "/end", body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("message").asString()).contains(named);
        assertThat(voiceBot.get("/api/v1/calls/" + callId).data().path("status").asString()).isEqualTo("ringing");
        assertNothingPublishedBeforeAMarkerCall(callId);
    }

    @Test
    void malformedCallIdInThePathIs400NamingIt() {
        VoiceBotClient.Response refused = voiceBot.post("/api/v1/calls/bad%24id/end",
                "{\"endReason\":\"customer_hangup\"}");
        VoiceBotClient.Response refusedRead = voiceBot.get("/api/v1/calls/bad%24id");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().path("message").asString()).contains("callId");
        assertThat(refusedRead.status()).isEqualTo(400);
        assertNothingPublishedBeforeAMarkerCall();
    }

    @Test
    void readingAnUnknownCallIs404() {
        VoiceBotClient.Response refused = voiceBot.get("/api/v1/calls/" + BAD_CALL_ID);

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.error().path("code").asString()).isEqualTo("call_not_found");
    }

    @Test
    void unknownPathIs404Envelope() {
        VoiceBotClient.Response refused = voiceBot.get("/api/v1/nothing-here");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().path("success").asBoolean()).isFalse();
    }

    @Test
    void openApiDescribesTheVoiceBotApi() {
        VoiceBotClient.Response docs = new VoiceBotClient(port).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/v1/calls")).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/calls/{callId}/end")).isTrue();
    }

    private void assertNothingPublishedBeforeAMarkerCall(String... callsStartedByTheTest) {
        String marker = newCallId("marker");
        assertThat(voiceBot.startCall(marker, "0912345678").status()).isEqualTo(202);
        commands.awaitValues(c -> c instanceof StartCall && marker.equals(c.callId()), 1, WAIT);
        events.awaitValues(e -> e instanceof IncomingCall && marker.equals(e.callId()), 1, WAIT);
        java.util.Set<String> expected = new java.util.HashSet<>(java.util.List.of(callsStartedByTheTest));
        expected.add(marker);
        assertThat(commands.values()).allSatisfy(c -> assertThat(c).isInstanceOf(StartCall.class))
                .extracting(CallCommand::callId).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(events.values()).allSatisfy(e -> assertThat(e).isInstanceOf(IncomingCall.class))
                .extracting(CallEvent::callId).containsExactlyInAnyOrderElementsOf(expected);
    }
}
