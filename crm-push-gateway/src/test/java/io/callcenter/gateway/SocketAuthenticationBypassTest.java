package io.callcenter.gateway;

import io.callcenter.gateway.socket.ConnectedClients;
import io.callcenter.model.Topics;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.serde.CallCommandDeserializer;
import io.callcenter.testing.EngineIoPollingSession;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An attacker's view of a gateway with authentication on (the real {@code prod} profile): every form of Socket.IO
 * namespace connect, and none at all, sent as raw Engine.IO packets over long-polling (each packet its own request,
 * and all batched in one request after 0x1E) and over a raw websocket (fresh, and upgraded from polling), each followed
 * by {@code join_call_center} and {@code answer_call}. For each: the session is refused with
 * {@code connect_error unauthorized} and then closed, never registered as a client, never sent
 * {@code joined_call_center} or a ringing call, and its {@code answer_call} is never published. Engine.IO v3 and
 * unversioned handshakes without a valid {@code ?token=} are refused with HTTP 401. A raw client with a valid token,
 * spoken the same way, is served, which shows these checks can see an event when there is one.
 */
@RealInfrastructure
class SocketAuthenticationBypassTest {
    private static final String SECRET = "bypass-test-secret-0123456789-abcdefghijklmnop";
    private static final String JOIN = "42[\"join_call_center\",{\"userType\":\"crm_system\",\"userId\":\"attacker\"}]";
    private static final int ATTACKER_AGENT = 666;
    private static final java.util.concurrent.ExecutorService POLLERS =
            java.util.concurrent.Executors.newCachedThreadPool();
    private static GatewayInstance gateway;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayInstance.start("gw-bypass-" + ProcessHandle.current().pid(), Map.of(
                "spring.profiles.active", "prod",
                "callcenter.gateway.auth.jwt-secret", SECRET,
                "callcenter.gateway.commands.rate-limit-per-second", "0"));
    }

    @AfterAll
    static void stopGateway() {
        POLLERS.shutdownNow();
        gateway.close();
    }

    /** Each namespace-connect form an attacker could try, by name; an empty packet means none is sent at all. */
    private static Map<String, String> connectForms() {
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("bare 40", "40");
        forms.put("empty object", "40{}");
        forms.put("null", "40null");
        forms.put("bare 40 then record separator", "40\u001e");
        forms.put("a string", "40\"" + TestTokens.crmSystem(SECRET) + "\"");
        forms.put("an array", "40[\"" + TestTokens.crmSystem(SECRET) + "\"]");
        forms.put("a number", "40123");
        forms.put("token a number", "40{\"token\":123}");
        forms.put("token an object", "40{\"token\":{\"token\":\"" + TestTokens.crmSystem(SECRET) + "\"}}");
        forms.put("token empty", "40{\"token\":\"\"}");
        forms.put("token garbage", "40{\"token\":\"not-a-jwt\"}");
        forms.put("token expired", "40{\"token\":\"" + TestTokens.crmSystemExpiringAt(SECRET,
                Instant.now().minusSeconds(120)) + "\"}");
        forms.put("token signed with another secret", "40{\"token\":\""
                + TestTokens.crmSystem("another-secret-0123456789-abcdefghijklmnopq") + "\"}");
        forms.put("token without exp", "40{\"token\":\"" + TestTokens.hs256(SECRET,
                claims -> claims.subject("crm_main").claim("role", "crm_system")) + "\"}");
        forms.put("token not yet valid", "40{\"token\":\"" + TestTokens.hs256(SECRET, claims -> claims
                .claim("role", "crm_system").expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .notBeforeTime(Date.from(Instant.now().plusSeconds(1800)))) + "\"}");
        forms.put("agent token without agentId", "40{\"token\":\"" + TestTokens.hs256(SECRET, claims -> claims
                .claim("role", "agent").expirationTime(Date.from(Instant.now().plusSeconds(600)))) + "\"}");
        forms.put("malformed JSON", "40{\"token\":");
        forms.put("another namespace with a valid token", "40/admin,{\"token\":\""
                + TestTokens.crmSystem(SECRET) + "\"}");
        forms.put("a recovery request without a token", "40{\"pid\":\"" + UUID.randomUUID()
                + "\",\"offset\":\"x-1\",\"recovery\":true}");
        forms.put("a disconnect instead", "41");
        forms.put("no connect at all", "");
        return forms;
    }

    private static String answer(String callId) {
        return "42[\"answer_call\",{\"callId\":\"" + callId + "\",\"agentId\":" + ATTACKER_AGENT + "}]";
    }

    @Test
    void noConnectFormOverPollingPacketByPacketGetsInOrHasAnEffect() throws Exception {
        assertNoFormGetsIn((callId, connect) -> {
            PollingAttempt attempt = PollingAttempt.open();
            if (!connect.isEmpty()) {
                attempt.session().post(bytes(connect));
            }
            attempt.session().post(bytes(JOIN));
            attempt.session().post(bytes(answer(callId)));
            return attempt;
        });
    }

    @Test
    void noConnectFormOverPollingBatchedAfterARecordSeparatorGetsInOrHasAnEffect() throws Exception {
        assertNoFormGetsIn((callId, connect) -> {
            PollingAttempt attempt = PollingAttempt.open();
            String batch = (connect.isEmpty() ? "" : connect + "\u001e") + JOIN + "\u001e" + answer(callId);
            attempt.session().post(bytes(batch));
            return attempt;
        });
    }

    @Test
    void noConnectFormOverAFreshWebsocketGetsInOrHasAnEffect() throws Exception {
        assertNoFormGetsIn((callId, connect) -> {
            RawWebsocketSession socket = RawWebsocketSession.open(gateway.url(), null).awaitReceived(1);
            String sid = socket.received().get(0).replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
            if (!connect.isEmpty()) {
                socket.send(connect);
            }
            socket.send(JOIN);
            socket.send(answer(callId));
            return new WebsocketAttempt(socket, sid);
        });
    }

    @Test
    void noConnectFormOverAWebsocketUpgradedFromPollingGetsInOrHasAnEffect() throws Exception {
        assertNoFormGetsIn((callId, connect) -> {
            EngineIoPollingSession polling = EngineIoPollingSession.open(URI.create(gateway.url()));
            RawWebsocketSession socket = RawWebsocketSession.open(gateway.url(), polling.sid());
            socket.send("2probe");
            socket.awaitReceived(1);
            socket.send("5");
            if (!connect.isEmpty()) {
                socket.send(connect);
            }
            socket.send(JOIN);
            socket.send(answer(callId));
            return new WebsocketAttempt(socket, polling.sid());
        });
    }

    /**
     * The Java client's race, pinned: its connect goes over polling while it probes the websocket; the refusal is
     * queued for a poll that never comes, and only the upgrade packet moves it to the websocket.
     */
    @Test
    void aRefusalQueuedWhileTheClientUpgradesReachesItOverTheWebsocket() throws Exception {
        try (EngineIoPollingSession polling = EngineIoPollingSession.open(URI.create(gateway.url()));
             RawWebsocketSession socket = RawWebsocketSession.open(gateway.url(), polling.sid())) {
            socket.send("2probe");
            socket.awaitReceived(1);
            assertThat(socket.received()).containsExactly("3probe");
            polling.post(bytes("40{\"token\":\"not-a-jwt\"}"));
            socket.send("5");
            // the noop that ended the pending poll moves over too
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> socket.received().stream()
                    .anyMatch(frame -> frame.startsWith("44{\"message\":\"unauthorized\"")));
        }
    }

    @Test
    void anAcceptanceQueuedWhileTheClientUpgradesReachesItOverTheWebsocket() throws Exception {
        try (EngineIoPollingSession polling = EngineIoPollingSession.open(URI.create(gateway.url()));
             RawWebsocketSession socket = RawWebsocketSession.open(gateway.url(), polling.sid())) {
            socket.send("2probe");
            socket.awaitReceived(1);
            polling.post(bytes("40{\"token\":\"" + TestTokens.crmSystem(SECRET) + "\"}"));
            socket.send("5");
            // the noop that ended the pending poll moves over too
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> socket.received().stream()
                    .anyMatch(frame -> frame.startsWith("40{\"sid\":\"" + polling.sid())));
        }
    }

    @Test
    void engineIoV3AndUnversionedHandshakesWithoutAValidQueryTokenAreRefusedWith401() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String expired = TestTokens.crmSystemExpiringAt(SECRET, Instant.now().minusSeconds(120));
        for (String query : List.of("EIO=3&transport=polling", "transport=polling", "EIO=5&transport=polling",
                "EIO=3&transport=polling&token=not-a-jwt", "EIO=3&transport=polling&token=" + expired)) {
            HttpResponse<String> handshake = http.send(HttpRequest.newBuilder(URI.create(gateway.url()
                    + "/socket.io/?" + query)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(handshake.statusCode()).as(query).isEqualTo(401);
        }
        for (String query : List.of("EIO=3&transport=websocket", "transport=websocket")) {
            assertThatThrownBy(() -> http.newWebSocketBuilder().buildAsync(URI.create(gateway.url()
                    .replaceFirst("^http", "ws") + "/socket.io/?" + query), new java.net.http.WebSocket.Listener() {
            }).join()).as(query).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(401));
        }
        assertThat(gateway.bean(ConnectedClients.class).all())
                .noneMatch(client -> "attacker".equals(client.identity().subject()));
    }

    @Test
    void aRawClientWithAValidTokenIsServedOverPollingAndWebsocket() throws Exception {
        String callId = TestEvents.newCallId();
        try (EngineIoPollingSession polling = EngineIoPollingSession.open(URI.create(gateway.url()));
             RawWebsocketSession websocket = RawWebsocketSession.open(gateway.url(), null).awaitReceived(1)) {
            String token = "{\"token\":\"" + TestTokens.crmSystem(SECRET) + "\"}";
            polling.post(bytes("40" + token + "\u001e" + JOIN));
            websocket.send("40" + token);
            websocket.send(JOIN);
            TestEvents.publish(TestEvents.incoming(callId));

            StringBuilder polled = new StringBuilder();
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> {
                polled.append(polling.poll().body());
                return polled.toString().contains(callId);
            });
            await().atMost(JavaCrmClient.TIMEOUT).until(() -> String.join("\n", websocket.received())
                    .contains(callId));

            assertThat(polled.toString()).startsWith("40{\"sid\":\"").contains("joined_call_center");
            assertThat(websocket.received()).anyMatch(frame -> frame.startsWith("40{\"sid\":\""))
                    .anyMatch(frame -> frame.contains("joined_call_center"));
        }
    }

    /** What one attack attempt left open: drained after the witness has seen the ringing call. */
    private interface Attempt {
        String sid();

        /** Everything the gateway sent this session from its refusal on, and whether the session ended. */
        Outcome drain() throws Exception;
    }

    private record Outcome(List<String> frames, boolean ended) {
        String all() {
            return String.join("\n", frames);
        }
    }

    /** A polling session that long-polls from its handshake on, as every client does. */
    private record PollingAttempt(EngineIoPollingSession session,
                                  CompletableFuture<List<HttpResponse<String>>> polls) implements Attempt {
        static PollingAttempt open() throws Exception {
            EngineIoPollingSession session = EngineIoPollingSession.open(URI.create(gateway.url()));
            CompletableFuture<List<HttpResponse<String>>> polls = CompletableFuture.supplyAsync(() -> {
                try {
                    return session.pollUntilEnded(6);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, POLLERS);
            return new PollingAttempt(session, polls);
        }

        @Override
        public String sid() {
            return session.sid();
        }

        @Override
        public Outcome drain() {
            List<HttpResponse<String>> answers = polls.join();
            boolean ended = answers.get(answers.size() - 1).statusCode() != 200;
            return new Outcome(answers.stream().filter(a -> a.statusCode() == 200).map(HttpResponse::body)
                    .toList(), ended);
        }
    }

    private record WebsocketAttempt(RawWebsocketSession socket, String sid) implements Attempt {
        @Override
        public Outcome drain() {
            boolean ended;
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> socket.closed() || sessionUnknown(sid));
                ended = true;
            } catch (org.awaitility.core.ConditionTimeoutException stillOpen) {
                ended = false;
            }
            List<String> frames = new ArrayList<>(socket.received());
            socket.close();
            return new Outcome(frames, ended);
        }
    }

    /** netty-socketio answers a request naming a session it no longer has with an error status at once. */
    private static boolean sessionUnknown(String sid) {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                            URI.create(gateway.url() + "/socket.io/?EIO=4&transport=polling&sid=" + sid))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode() != 200;
        } catch (java.net.http.HttpTimeoutException stillThere) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException("asking the gateway about session " + sid, e);
        }
    }

    @FunctionalInterface
    private interface AttackStep {
        Attempt attack(String callId, String connectForm) throws Exception;
    }

    /**
     * Runs every form at once (each its own call id), then publishes the calls, waits until a witness with a valid
     * token has them and has answered each itself, and checks every attacker session and the command topic.
     */
    private static void assertNoFormGetsIn(AttackStep step) throws Exception {
        Map<String, String> forms = connectForms();
        Map<String, String> callIds = new LinkedHashMap<>();
        forms.keySet().forEach(name -> callIds.put(name, TestEvents.newCallId()));
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             // websocket: a join resends every call other test classes left ringing on the shared broker, more than
             // a long-polling client may have queued (slow-client.max-polling-queue)
             JavaCrmClient witness = JavaCrmClient.connect(gateway.url(), options -> {
                 options.auth = Map.of("token", TestTokens.crmSystem(SECRET));
                 options.transports = new String[]{"websocket"};
             }).awaitConnected()) {
            witness.join();
            Map<String, CompletableFuture<Attempt>> attempts = new LinkedHashMap<>();
            forms.forEach((name, connect) -> attempts.put(name, CompletableFuture.supplyAsync(() -> {
                try {
                    return step.attack(callIds.get(name), connect);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, POLLERS)));
            Map<String, Attempt> opened = new LinkedHashMap<>();
            for (var attempt : attempts.entrySet()) {
                opened.put(attempt.getKey(), attempt.getValue().join());
            }
            ConnectedClients clients = gateway.bean(ConnectedClients.class);
            opened.forEach((name, attempt) -> assertThat(clients.get(UUID.fromString(attempt.sid())))
                    .as("%s: registered as a client", name).isNull());

            callIds.values().forEach(callId -> TestEvents.publish(TestEvents.incoming(callId)));
            callIds.values().forEach(callId -> witness.awaitEvent("incoming_call_to_crm",
                    call -> call.get("callId").asString().equals(callId)));
            callIds.values().forEach(callId -> witness.emit("answer_call", "{\"callId\":\"" + callId
                    + "\",\"agentId\":7}"));
            List<CallCommand> published = commands.awaitValues(c -> callIds.containsValue(c.callId()),
                    callIds.size(), JavaCrmClient.TIMEOUT);

            Map<String, List<Integer>> answeringAgentsByCall = published.stream().collect(Collectors.groupingBy(
                    CallCommand::callId, Collectors.mapping(c -> ((AnswerCall) c).agentId(), Collectors.toList())));
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            for (var attempt : opened.entrySet()) {
                outcomes.put(attempt.getKey(), attempt.getValue().drain());
            }
            for (String name : forms.keySet()) {
                Outcome outcome = outcomes.get(name);
                assertThat(outcome.all()).as("%s: what the gateway sent", name)
                        .contains("44{\"message\":\"unauthorized\"")
                        .doesNotContain("joined_call_center").doesNotContain("incoming_call_to_crm")
                        .doesNotContain("40{\"sid\"");
                assertThat(outcome.ended()).as("%s: session closed (sent: %s)", name, outcome.all()).isTrue();
                assertThat(answeringAgentsByCall.get(callIds.get(name))).as("%s: answers published", name)
                        .containsExactly(7);
                assertThat(clients.get(UUID.fromString(opened.get(name).sid()))).as(name).isNull();
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
