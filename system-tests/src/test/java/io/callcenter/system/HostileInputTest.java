package io.callcenter.system;

import io.callcenter.model.Topics;
import io.callcenter.testing.EngineIoPollingSession;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A seeded flood of malformed Socket.IO events and REST bodies against every service: each gets a clear error, no
 * 5xx, no crash, nothing published. Seed and counts are printed so a failure can be replayed.
 */
@Tag("reliability")
@RealInfrastructure
class HostileInputTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261126L);
    private static final int SOCKET_EVENTS = 10_000;
    private static final int SOCKETS = 50;
    private static RunningSystem system;
    private static RunningSystem.Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem(Map.of(), Map.of());
        gateway = system.startGateway("gateway-fuzz");
        gateway.process().awaitHealthy();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyMalformedSocketEventGetsAnErrorAndNothingIsPublished() throws Exception {
        HostileInput input = new HostileInput(SEED);
        try (TopicRecorder<String> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS, new StringDeserializer())) {
            List<CrmClient> sockets = new ArrayList<>();
            for (int i = 0; i < SOCKETS; i++) {
                sockets.add(new CrmClient(gateway.url(), true));
            }
            try {
                sockets.forEach(CrmClient::awaitJoined);
                int perSocket = SOCKET_EVENTS / SOCKETS;
                // 15 events per second per socket: under the default command rate limit, so each event is validated
                for (int round = 0; round < perSocket; round++) {
                    long roundStart = System.nanoTime();
                    for (CrmClient socket : sockets) {
                        HostileInput.SocketEvent event = input.socketEvent();
                        socket.emit(event.name(), event.payload());
                    }
                    long pause = TimeUnit.MILLISECONDS.toNanos(67) - (System.nanoTime() - roundStart);
                    if (pause > 0) {
                        TimeUnit.NANOSECONDS.sleep(pause); // pacing the load, not waiting for a condition
                    }
                }
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sockets.stream()
                        .mapToLong(s -> s.count("error")).sum()).isEqualTo(SOCKET_EVENTS));
                for (CrmClient socket : sockets) {
                    for (CrmClient.Received error : socket.received("error")) {
                        assertThat(error.payload().optString("code")).isNotBlank();
                        assertThat(error.payload().optString("message")).isNotBlank();
                    }
                    assertThat(socket.connected()).isTrue();
                }
            } finally {
                sockets.forEach(CrmClient::close);
            }
            assertThat(commands.values()).as("commands published by malformed events (seed %d)", SEED).isEmpty();
        }
        assertThat(gateway.process().isAlive()).isTrue();
        assertThat(gateway.process().healthy()).isTrue();
        System.out.printf("hostile socket events: %d, seed %d, errors received: %d%n", SOCKET_EVENTS, SEED,
                SOCKET_EVENTS);
    }

    @Test
    void everyMalformedRestBodyGetsA4xxEnvelopeAndNothingIsPublished() throws Exception {
        HostileInput input = new HostileInput(SEED + 1);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        record Endpoint(String method, URI uri, List<String> fields) {
        }
        URI ingest = system.ingestUrl();
        URI agents = system.agentDirectoryUrl();
        URI customers = system.customerServiceUrl();
        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", ingest.resolve("/api/v1/calls"), List.of("callId", "callerNumber", "calledNumber")),
                new Endpoint("POST", ingest.resolve("/api/v1/calls/NO_SUCH_CALL/end"), List.of("endReason")),
                new Endpoint("POST", agents.resolve("/api/agents"), List.of("userId", "fullName", "extension", "status")),
                new Endpoint("PUT", agents.resolve("/api/agents/1/status"), List.of("status")),
                new Endpoint("POST", customers.resolve("/api/customers/search"), List.of("phoneNumber", "exactMatch")),
                new Endpoint("POST", customers.resolve("/api/customers"), List.of("fullName", "phoneNumber", "cif")),
                new Endpoint("PUT", customers.resolve("/api/customers/1"), List.of("fullName", "phoneNumber", "email")),
                new Endpoint("POST", gateway.url().resolve("/api/customers/search"), List.of("phoneNumber")),
                new Endpoint("POST", customers.resolve("/api/customers/import"), List.of("fullName", "phoneNumber")));
        int requests = 0;
        try (TopicRecorder<String> events = TopicRecorder.fromNow(Topics.CALL_EVENTS, new StringDeserializer());
             TopicRecorder<String> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS, new StringDeserializer());
             TopicRecorder<String> agentEvents = TopicRecorder.fromNow(Topics.AGENT_EVENTS, new StringDeserializer())) {
            for (int i = 0; i < 250; i++) {
                for (Endpoint endpoint : endpoints) {
                    String body = input.restBody(endpoint.fields());
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.uri())
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", endpoint.uri().getPath().endsWith("/import")
                                    ? "text/csv" : "application/json")
                            .method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(
                                    body.getBytes(StandardCharsets.ISO_8859_1)))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    requests++;
                    assertThat(response.statusCode()).as("%s %s with %.80s -> %s", endpoint.method(), endpoint.uri(),
                            body, response.body()).isBetween(400, 499);
                    JSONObject envelope = new JSONObject(response.body());
                    assertThat(envelope.getBoolean("success")).isFalse();
                    assertThat(envelope.getJSONObject("error").getString("message")).isNotBlank();
                }
            }
            // calls of earlier test classes may still time out meanwhile; none of ours may ring or change
            assertThat(events.values()).filteredOn(v -> v == null || v.contains("\"type\":\"IncomingCall\"")
                    || v.contains("NO_SUCH_CALL")).isEmpty();
            assertThat(commands.values()).isEmpty();
            assertThat(agentEvents.values()).isEmpty();
        }
        System.out.printf("hostile REST bodies: %d over %d endpoints, seed %d%n", requests, endpoints.size(), SEED + 1);
    }

    @Test
    void malformedPathsAndQueryParametersGetA4xxEnvelope() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI ingest = system.ingestUrl();
        URI agents = system.agentDirectoryUrl();
        URI customers = system.customerServiceUrl();
        List<URI> refused = List.of(
                agents.resolve("/api/agents/abc"), agents.resolve("/api/agents/99999999999"),
                agents.resolve("/api/agents/available?limit=abc"), agents.resolve("/api/agents/available?limit=-1"),
                agents.resolve("/api/agents/available?limit=99999999999999999999"),
                ingest.resolve("/api/v1/calls?status=%00"), ingest.resolve("/api/v1/calls?limit=1e9"),
                ingest.resolve("/api/v1/calls?status=RINGING"), ingest.resolve("/api/v1/calls/%FF%FE"),
                ingest.resolve("/api/v1/calls/" + "A".repeat(5_000)),
                customers.resolve("/api/customers/abc"), customers.resolve("/api/customers/by-cif/%00%01"),
                gateway.url().resolve("/api/agents/available?limit=x"),
                gateway.url().resolve("/api/agents/available?limit=0"));
        for (URI uri : refused) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s -> %s", uri, response.body()).isBetween(400, 499);
            assertThat(response.body()).as("GET %s", uri).startsWith("{");
            JSONObject envelope = new JSONObject(response.body());
            assertThat(envelope.getBoolean("success")).as("GET %s", uri).isFalse();
            assertThat(envelope.getJSONObject("error").getString("message")).as("GET %s", uri).isNotBlank();
        }
    }

    /**
     * Engine.IO polling packets no Socket.IO client would send (invalid UTF-8, truncated or unknown packets, deep
     * nesting), each on a fresh session: never a 5xx, nothing published, and the gateway still serves a real client.
     */
    @Test
    void rawMalformedPollingPacketsAreRefusedAndTheGatewayKeepsServing() throws Exception {
        byte[] invalidUtf8 = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, (byte) 0x28};
        List<byte[]> packets = List.of(
                concat("42[\"answer_call\",{\"callId\":\"", invalidUtf8, "\",\"agentId\":1}]"),
                concat("42[\"end_call\",{\"callId\":\"", invalidUtf8, "\",\"endReason\":\"crm_reject\"}]"),
                concat("42[\"", invalidUtf8, "\",{}]"),
                concat("42[\"join_call_center\",{\"userType\":\"", invalidUtf8, "\"}]"),
                invalidUtf8,
                "42[\"answer_call\",{\"callId\":\"CALL_1\",\"agentId\":1".getBytes(StandardCharsets.UTF_8),
                "9xyz".getBytes(StandardCharsets.UTF_8),
                "40/admin,".getBytes(StandardCharsets.UTF_8),
                ("42[\"end_call\"," + "[".repeat(5_000) + "]".repeat(5_000) + "]").getBytes(StandardCharsets.UTF_8));
        try (TopicRecorder<String> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS, new StringDeserializer())) {
            for (byte[] packet : packets) {
                EngineIoPollingSession session = EngineIoPollingSession.open(gateway.url()).join();
                int status = session.post(packet);
                assertThat(status).as("POST of %.60s", new String(packet, StandardCharsets.UTF_8)).isLessThan(500);
                session.close();
            }
            try (CrmClient crm = new CrmClient(gateway.url(), false)) {
                crm.awaitJoined();
                assertThat(crm.connected()).isTrue();
            }
            assertThat(commands.values()).as("commands published by raw packets").isEmpty();
        }
        assertThat(gateway.process().healthy()).isTrue();
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] end = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + middle.length + end.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(middle, 0, all, start.length, middle.length);
        System.arraycopy(end, 0, all, start.length + middle.length, end.length);
        return all;
    }
}
