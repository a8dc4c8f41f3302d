package io.callcenter.system;

import io.callcenter.model.Topics;
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
                new Endpoint("POST", gateway.url().resolve("/api/customers/search"), List.of("phoneNumber")));
        int requests = 0;
        try (TopicRecorder<String> events = TopicRecorder.fromNow(Topics.CALL_EVENTS, new StringDeserializer());
             TopicRecorder<String> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS, new StringDeserializer());
             TopicRecorder<String> agentEvents = TopicRecorder.fromNow(Topics.AGENT_EVENTS, new StringDeserializer())) {
            for (int i = 0; i < 250; i++) {
                for (Endpoint endpoint : endpoints) {
                    String body = input.restBody(endpoint.fields());
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.uri())
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
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
}
