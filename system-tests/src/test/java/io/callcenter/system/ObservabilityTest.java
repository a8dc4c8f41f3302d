package io.callcenter.system;

import com.sun.net.httpserver.HttpServer;
import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.commands.StartCall;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.AgentEventDeserializer;
import io.callcenter.model.serde.CallCommandDeserializer;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.json.JSONException;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 23 on the real processes (the runnable jars, with compose's settings for logs, ECS JSON on the console, and
 * for spans, exported over OTLP/HTTP to a stand-in collector): one call followed by its W3C trace id through the
 * VoiceBot POST, the command, event and agent topics, every service's log lines about it and the spans exported; readiness and liveness as compose and the edge see them; and every metric the Grafana dashboard
 * and the alert rules of {@code deploy/monitoring} query is one the running services expose.
 */
@RealInfrastructure
class ObservabilityTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static RunningSystem system;
    private static RunningSystem.Gateway gateway;

    /** Stands in for the OpenTelemetry collector: keeps every OTLP/HTTP export the services send. */
    private static final List<byte[]> exports = new CopyOnWriteArrayList<>();
    private static HttpServer collector;

    @BeforeAll
    static void startSystem() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            exports.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        // compose's settings: ECS logs; spans exported over OTLP (sampling stays 0: the VoiceBot's trace is sampled)
        system = new RunningSystem(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs",
                        "MANAGEMENT_TRACING_EXPORT_OTLP_ENABLED", "true",
                        "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                        "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces"),
                // the lines about a call that are debug-level (env names bind lower-case, so a package, not a class)
                Map.of("LOGGING_LEVEL_IO_CALLCENTER_INGEST_CALLS", "DEBUG"),
                Map.of("LOGGING_LEVEL_IO_CALLCENTER_KIT_OBSERVABILITY", "DEBUG"));
        gateway = system.startGateway("gateway-observability");
        gateway.process().awaitHealthy();
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void oneCallIsOneTraceFromThePostThroughTheTopicsToEveryServicesLogLines() throws Exception {
        String traceId = hex(32);
        String callId = "OBS_" + System.nanoTime();
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             TopicRecorder<CallEvent> events = TopicRecorder.fromNow(Topics.CALL_EVENTS, new CallEventDeserializer());
             TopicRecorder<AgentEvent> agents = TopicRecorder.fromNow(Topics.AGENT_EVENTS,
                     new AgentEventDeserializer());
             CrmClient crm = new CrmClient(gateway.url(), true).awaitJoined()) {
            assertThat(post("/api/v1/calls", traceparent(traceId), new JSONObject().put("callId", callId)
                    .put("callerNumber", "+84912345678").put("calledNumber", "1900").toString())).isEqualTo(202);
            JSONObject incoming = crm.await("incoming_call_to_crm", p -> p.optString("callId").equals(callId));
            int agentId = incoming.getJSONObject("assignedAgent").getInt("id");
            crm.emit("answer_call", new JSONObject().put("callId", callId).put("agentId", agentId)
                    .put("source", "crm_system"));
            crm.await("call_answered", p -> p.getJSONObject("call").optString("callId").equals(callId));
            // the VoiceBot's hang-up carries the same trace (another span of it)
            assertThat(post("/api/v1/calls/" + callId + "/end", traceparent(traceId),
                    new JSONObject().put("endReason", "customer_hangup").toString())).isEqualTo(202);
            crm.await("call_ended", p -> p.optString("callId").equals(callId));

            // every hop's record carries the trace: commands (KafkaTemplate observation), events (Streams topology)
            ConsumerRecord<String, CallCommand> start = awaitRecord(commands, callId, StartCall.class);
            ConsumerRecord<String, CallCommand> end = awaitRecord(commands, callId, EndCall.class);
            ConsumerRecord<String, CallEvent> rang = awaitRecord(events, callId, IncomingCall.class);
            ConsumerRecord<String, CallEvent> ended = awaitRecord(events, callId, CallEnded.class);
            // the CRM's answer continues the trace the call rang in (the gateway keeps it per live call)
            ConsumerRecord<String, CallCommand> answer = awaitRecord(commands, callId, AnswerCall.class);
            ConsumerRecord<String, CallEvent> answered = awaitRecord(events, callId, CallAnswered.class);
            // agent-directory's outbox keeps the trace of the change with the row: the agent freed by the hang-up
            await().atMost(WAIT).until(() -> agents.records().stream().anyMatch(r -> freed(r.value(), agentId)));
            ConsumerRecord<String, AgentEvent> free = agents.records().stream()
                    .filter(r -> freed(r.value(), agentId)).findFirst().orElseThrow();
            for (ConsumerRecord<String, ?> record : List.of(start, end, rang, ended, answer, answered, free)) {
                assertThat(traceIdOf(record)).as("trace id of %s on %s", record.value().getClass().getSimpleName(),
                        record.topic()).isEqualTo(traceId);
            }
            // a new span at the producer: the command's parent is the ingest's span, not the VoiceBot's
            assertThat(header(start)).doesNotContain(VOICEBOT_SPAN);

            // and the log lines about the call, in each service, name it and the trace (ECS JSON, MDC as fields)
            awaitLogLine(system.callIngest().log(), line -> callId.equals(line.optString("callId"))
                    && traceId.equals(line.optString("traceId")), "call-ingest, the lifecycle on StartCall");
            awaitLogLine(gateway.process().log(), line -> callId.equals(line.optString("callId"))
                    && traceId.equals(line.optString("traceId")), "the gateway's fan-out of the call's events");
            awaitLogLine(system.agentDirectory().log(), line -> callId.equals(line.optString("callId"))
                    && String.valueOf(agentId).equals(line.optString("agentId"))
                    && traceId.equals(line.optString("traceId"))
                    && line.optString("message").contains("available"), "agent-directory freeing the agent");
            awaitLogLine(system.agentDirectory().log(), line -> callId.equals(line.optString("callId"))
                    && traceId.equals(line.optString("traceId"))
                    && line.optString("message").contains("busy"), "agent-directory making the agent busy");

            // and the spans of that trace reach the collector over OTLP from each service on its path
            byte[] traceIdBytes = HexFormat.of().parseHex(traceId);
            // (customer-service: the lookup of the caller, made in the POST's trace)
            for (String service : List.of("call-ingest", "customer-service", "crm-push-gateway", "agent-directory")) {
                await("spans of " + service + " in the trace").atMost(WAIT).until(() -> exports.stream()
                        .anyMatch(body -> contains(body, traceIdBytes)
                                && contains(body, service.getBytes(StandardCharsets.UTF_8))));
            }
        }
    }

    @Test
    void readinessCoversKafkaStreamsTheFanoutAndTheDatabasesAndLivenessStaysCheap() throws Exception {
        Map<String, String> readiness = Map.of(
                system.ingestUrl() + "/actuator/health/readiness", "kafkaStreams",
                "http://127.0.0.1:" + gateway.managementPort() + "/actuator/health/readiness", "fanout",
                system.agentDirectoryUrl() + "/actuator/health/readiness", "db",
                system.customerServiceUrl() + "/actuator/health/readiness", "db");
        for (Map.Entry<String, String> check : readiness.entrySet()) {
            HttpResponse<String> response = get(check.getKey());
            assertThat(response.statusCode()).as(check.getKey()).isEqualTo(200);
            JSONObject health = new JSONObject(response.body());
            assertThat(health.getString("status")).isEqualTo("UP");
            assertThat(health.getJSONObject("components").keySet()).as(check.getKey())
                    .contains(check.getValue(), "readinessState");
        }
        JSONObject ingest = new JSONObject(get(system.ingestUrl() + "/actuator/health/readiness").body());
        assertThat(ingest.getJSONObject("components").getJSONObject("kafkaStreams").getJSONObject("details")
                .getString("state")).isEqualTo("RUNNING");
        for (String base : List.of(system.ingestUrl().toString(), "http://127.0.0.1:" + gateway.managementPort(),
                system.agentDirectoryUrl().toString())) {
            HttpResponse<String> liveness = get(base + "/actuator/health/liveness");
            assertThat(liveness.statusCode()).isEqualTo(200);
            JSONObject live = new JSONObject(liveness.body());
            if (live.has("components")) {
                assertThat(live.getJSONObject("components").keySet()).containsExactly("livenessState");
            }
        }
    }

    @Test
    void everyMetricTheDashboardAndTheAlertRulesQueryIsExposedByTheRunningServices() throws Exception {
        // a dead letter, so its counter exists as it would after the first one in production: a record on
        // call-events that no consumer can read, on both versions (agent-directory's listener keeps the v2 one,
        // call-ingest's Streams the v1 one)
        Map<String, Object> producer = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.infrastructure().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> kafka = new KafkaProducer<>(producer)) {
            for (String topic : List.of(Topics.CALL_EVENTS, Topics.CALL_EVENTS_V2)) {
                kafka.send(new ProducerRecord<>(topic, "OBS_GARBAGE", "{not json".getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        }
        Map<String, String> queries = MonitoringQueries.all();
        List<String> scrapes = List.of(system.ingestUrl() + "/actuator/prometheus",
                system.agentDirectoryUrl() + "/actuator/prometheus",
                system.customerServiceUrl() + "/actuator/prometheus",
                "http://127.0.0.1:" + gateway.managementPort() + "/actuator/prometheus");
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> exposed = new HashSet<>();
            for (String scrape : scrapes) {
                HttpResponse<String> response = get(scrape);
                assertThat(response.statusCode()).as(scrape).isEqualTo(200);
                exposed.addAll(MonitoringQueries.exposed(response.body()));
            }
            assertThat(MonitoringQueries.missing(queries, exposed)).isEmpty();
        });
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean freed(AgentEvent event, int agentId) {
        return event instanceof AgentStatusChanged changed && changed.agentId() == agentId
                && "available".equals(changed.status()) && "busy".equals(changed.previousStatus());
    }

    private static final String VOICEBOT_SPAN = "00f067aa0ba902b7";

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + VOICEBOT_SPAN + "-01";
    }

    private static int post(String path, String traceparent, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.ingestUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static <V> ConsumerRecord<String, V> awaitRecord(TopicRecorder<V> recorder, String callId,
                                                             Class<? extends V> type) {
        await().atMost(WAIT).until(() -> recorder.records().stream()
                .anyMatch(r -> callId.equals(r.key()) && type.isInstance(r.value())));
        return recorder.records().stream().filter(r -> callId.equals(r.key()) && type.isInstance(r.value()))
                .findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<String, ?> record) {
        Header header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String traceIdOf(ConsumerRecord<String, ?> record) {
        String traceparent = header(record);
        return traceparent == null ? null : traceparent.split("-")[1];
    }

    private static void awaitLogLine(Path log, java.util.function.Predicate<JSONObject> matching, String what) {
        await(what + " in " + log).atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readAllLines(log).stream().map(ObservabilityTest::json)
                        .anyMatch(line -> line != null && matching.test(line)));
    }

    private static JSONObject json(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            return new JSONObject(line);
        } catch (JSONException e) {
            return null;
        }
    }

    private static String hex(int length) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < length) {
            hex.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return hex.substring(0, length);
    }
}
