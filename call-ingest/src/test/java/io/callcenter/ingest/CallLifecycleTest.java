package io.callcenter.ingest;

import io.callcenter.ingest.agents.AgentView;
import io.callcenter.ingest.agents.AvailableAgents;
import io.callcenter.ingest.support.CommandFlow;
import io.callcenter.ingest.support.IngestTestProperties;
import io.callcenter.ingest.support.KafkaTestPublisher;
import io.callcenter.ingest.support.LifecycleEvents;
import io.callcenter.ingest.support.RemoteServicesStub;
import io.callcenter.ingest.support.VoiceBotClient;
import io.callcenter.kit.kafka.DeadLetters;
import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CallAnsweredToCrm;
import io.callcenter.model.crm.CallEndedToCrm;
import io.callcenter.model.crm.CrmTime;
import io.callcenter.model.crm.CustomerInfo;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallCommandDeserializer;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.callcenter.ingest.support.KafkaTestPublisher.newAgentId;
import static io.callcenter.ingest.support.KafkaTestPublisher.newCallId;
import static io.callcenter.ingest.support.LifecycleEvents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@RealInfrastructure
// a lookup timeout above the default 300 ms keeps a loaded test machine from failing the customer assertions; the
// stub's slow answer (RemoteServicesStub.SLOW_DELAY) is far above it
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "callcenter.ingest.lookup-timeout=1500ms")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CallLifecycleTest {
    private static final RemoteServicesStub remote = new RemoteServicesStub();
    private static final CustomerInfo KNOWN_CUSTOMER = new CustomerInfo(42, "Nguyễn Văn A", "0912345678",
            "a.nguyen@example.com", "CIF0042");
    /** Available since long before any other test agent, so always the longest idle: every new call's suggestion. */
    private static final AgentInfo SUGGESTED_AGENT = new AgentInfo(901, 9901, "Trần Thị B", "available");
    private static final Instant SUGGESTED_AGENT_IDLE_SINCE = Instant.parse("2000-01-01T00:00:00Z");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        IngestTestProperties.register(registry, remote.url());
    }

    @LocalServerPort
    int port;
    @Autowired
    AgentView agentView;
    @Autowired
    AvailableAgents availableAgents;
    @Autowired
    IngestProperties ingest;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    MeterRegistry metrics;

    VoiceBotClient voiceBot;
    KafkaTestPublisher kafka;
    TopicRecorder<CallEvent> eventRecorder;
    TopicRecorder<CallCommand> commandRecorder;
    TopicRecorder<byte[]> deadLetters;
    LifecycleEvents events;

    @BeforeEach
    void setUp() {
        voiceBot = new VoiceBotClient(port);
        await().atMost(WAIT).until(() -> voiceBot.get("/api/v1/calls").status() == 200); // Kafka Streams running
        kafka = new KafkaTestPublisher();
        eventRecorder = TopicRecorder.fromNow(Topics.CALL_EVENTS, new CallEventDeserializer());
        commandRecorder = TopicRecorder.fromNow(Topics.CALL_COMMANDS, new CallCommandDeserializer());
        deadLetters = TopicRecorder.fromNow(Topics.deadLetter(Topics.CALL_COMMANDS), new ByteArrayDeserializer());
        events = new LifecycleEvents(eventRecorder);
        CommandFlow.awaitEveryPartitionConsumed(port, kafka, eventRecorder);
        kafka.agent(SUGGESTED_AGENT, SUGGESTED_AGENT_IDLE_SINCE);
        await().atMost(WAIT).until(() -> SUGGESTED_AGENT.equals(availableAgents.longestIdle()));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        eventRecorder.close();
        commandRecorder.close();
        deadLetters.close();
        kafka.close();
    }

    @Test
    void callRingsIsAnsweredAndEndsWithTheGuidePayloadsFieldByField() {
        String callId = newCallId("lifecycle");
        int agentId = availableAgent("Phạm Thị D");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

        VoiceBotClient.Response started = voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE);

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json()).isEqualTo(json("""
                {"success":true,"data":{"callId":"%s","status":"ringing"}}""".formatted(callId)));
        IncomingCall incoming = events.await(IncomingCall.class, callId);
        IncomingCallToCrm ringing = incoming.payload();
        assertThat(ringing.callId()).isEqualTo(callId);
        assertThat(ringing.callerNumber()).isEqualTo(RemoteServicesStub.KNOWN_PHONE);
        assertThat(ringing.calledNumber()).isEqualTo("1900");
        assertThat(ringing.source()).isEqualTo("softphone");
        assertThat(ringing.status()).isEqualTo("ringing");
        assertThat(ringing.customerInfo()).isEqualTo(KNOWN_CUSTOMER);
        assertThat(ringing.assignedAgent()).isEqualTo(SUGGESTED_AGENT);
        assertThat(ringing.startTime()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
        Instant startTime = CrmTime.parse(ringing.startTime());
        assertThat(startTime).isBetween(before, Instant.now());
        assertThat(fieldNames(CallcenterJson.mapper().valueToTree(ringing))).containsExactlyInAnyOrder(
                "callId", "callerNumber", "calledNumber", "assignedAgent", "customerInfo", "startTime", "status",
                "source");
        assertThat(remote.searchRequests()).anySatisfy(search -> assertThat(search).isEqualTo(json("""
                {"phoneNumber":"0912345678","exactMatch":true}""")));
        assertThat(remote.agentQueries()).as("the suggestion comes from the agent events, not a request").isEmpty();
        JsonNode shown = voiceBot.get("/api/v1/calls/" + callId).data();
        assertThat(shown.path("status").asString()).isEqualTo("ringing");
        assertThat(shown.path("startTime").asString()).isEqualTo(ringing.startTime());
        assertThat(shown.path("customerInfo").path("cif").asString()).isEqualTo("CIF0042");
        assertThat(callIdsListed("ringing")).contains(callId);
        assertThat(callIdsListed("connected")).doesNotContain(callId);

        RequestedBy crm = new RequestedBy("gateway-1", "socket-1");
        kafka.command(AnswerCall.of(callId, agentId, "crm_system", crm));

        CallAnswered answered = events.await(CallAnswered.class, callId);
        assertThat(answered.agentId()).isEqualTo(agentId);
        assertThat(answered.requestedBy()).isEqualTo(crm);
        assertThat(answered.payload()).isEqualTo(new CallAnsweredToCrm(new CallAnsweredToCrm.Call(callId,
                "connected", new AgentInfo(agentId, agentId + 10_000, "Phạm Thị D", "busy"), KNOWN_CUSTOMER),
                "Cuộc gọi đã được kết nối"));
        assertThat(callIdsListed("connected")).contains(callId);
        assertThat(voiceBot.get("/api/v1/calls/" + callId).data().path("agentInfo").path("id").asInt())
                .isEqualTo(agentId);

        // the call stays connected for over a second, so the duration shows it is counted from startTime
        await().during(Duration.ofMillis(1_100)).atMost(Duration.ofSeconds(5)).until(() ->
                "connected".equals(voiceBot.get("/api/v1/calls/" + callId).data().path("status").asString()));
        VoiceBotClient.Response ending = voiceBot.endCall(callId, "customer_hangup");

        assertThat(ending.status()).isEqualTo(202);
        CallEnded ended = events.await(CallEnded.class, callId);
        long secondsSinceStart = Duration.between(startTime, ended.occurredAt()).getSeconds();
        assertThat(ended.payload().callId()).isEqualTo(callId);
        assertThat(ended.payload().endReason()).isEqualTo("customer_hangup");
        assertThat(ended.payload().duration()).isGreaterThanOrEqualTo(1)
                .isBetween(secondsSinceStart - 1, secondsSinceStart);
        assertThat(ended.payload().message()).isEqualTo("Cuộc gọi đã kết thúc");
        assertThat(ended.agentId()).isEqualTo(agentId);
        assertThat(ended.requestedBy()).isEqualTo(new RequestedBy(ingest.instanceId(), null));
        JsonNode over = voiceBot.get("/api/v1/calls/" + callId).data();
        assertThat(over.path("status").asString()).isEqualTo("ended");
        assertThat(over.path("duration").asLong()).isEqualTo(ended.payload().duration());
        assertThat(over.path("endReason").asString()).isEqualTo("customer_hangup");
        assertThat(callIdsListed("connected")).doesNotContain(callId);
        assertThat(callIdsListed("ended")).contains(callId);

        List<ConsumerRecord<String, CallEvent>> records = events.recordsOf(callId);
        assertThat(events.typesOf(callId)).containsExactly("IncomingCall", "CallAnswered", "CallEnded");
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
    }

    @Test
    void postingAKnownCallIdAgainAnswers200WithTheExistingCallAndPublishesNothing() {
        String callId = newCallId("duplicate");
        assertThat(voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE).status()).isEqualTo(202);

        VoiceBotClient.Response again = voiceBot.startCall(callId, "0987654321");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("success").asBoolean()).isTrue();
        assertThat(again.data().path("callId").asString()).isEqualTo(callId);
        assertThat(again.data().path("status").asString()).isEqualTo("ringing");
        assertThat(again.data().path("callerNumber").asString()).isEqualTo(RemoteServicesStub.KNOWN_PHONE);
        // the end is applied after anything the duplicate could have caused (same partition, in order)
        assertThat(voiceBot.endCall(callId, "customer_hangup").status()).isEqualTo(202);
        events.await(CallEnded.class, callId);
        assertThat(events.typesOf(callId)).containsExactly("IncomingCall", "CallEnded");
        commandRecorder.awaitValues(c -> c instanceof EndCall && callId.equals(c.callId()), 1, WAIT);
        assertThat(commandsOf(callId)).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("StartCall", "EndCall");
    }

    @Test
    void concurrentPostsOfOneNewCallIdYieldOne202AndOneIncomingCall() throws Exception {
        String callId = newCallId("concurrent-post");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<VoiceBotClient.Response>> posts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                posts.add(pool.submit(() -> {
                    go.await();
                    return voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<VoiceBotClient.Response> post : posts) {
                VoiceBotClient.Response response = post.get();
                statuses.add(response.status());
                assertThat(response.data().path("callId").asString()).isEqualTo(callId);
            }

            assertThat(statuses).containsExactlyInAnyOrder(202, 200, 200, 200, 200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(voiceBot.endCall(callId, "customer_hangup").status()).isEqualTo(202);
        events.await(CallEnded.class, callId);
        assertThat(events.typesOf(callId)).containsExactly("IncomingCall", "CallEnded");
    }

    @Test
    void newCallWithoutCallIdGetsAGeneratedOne() {
        VoiceBotClient.Response started = voiceBot.post("/api/v1/calls", """
                {"callerNumber":"0911111111","calledNumber":"1900","source":"softphone"}""");

        assertThat(started.status()).isEqualTo(202);
        String callId = started.data().path("callId").asString();
        assertThat(callId).matches("CALL_[0-9a-f]{32}");
        assertThat(events.await(IncomingCall.class, callId).payload().callerNumber()).isEqualTo("0911111111");
    }

    @Test
    void twentyConcurrentAnswersYieldExactlyOneCallAnsweredAndNineteenRejections() throws Exception {
        String callId = newCallId("race");
        List<Integer> agentIds = IntStream.range(0, 20).mapToObj(i -> availableAgent("Agent " + i)).toList();
        assertThat(voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE).status()).isEqualTo(202);
        List<AnswerCall> answers = IntStream.range(0, 20)
                .mapToObj(i -> AnswerCall.of(callId, agentIds.get(i), "crm_system",
                        new RequestedBy("gateway-" + (i % 3), "socket-" + i)))
                .toList();

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sends = answers.stream().map(answer -> pool.submit(() -> {
                go.await();
                kafka.command(answer);
                return null;
            })).collect(Collectors.toList());
            go.countDown();
            for (Future<?> send : sends) {
                send.get();
            }
        } finally {
            pool.shutdownNow();
        }
        events.awaitCount(callId, 20, CallAnswered.class, CommandRejected.class);
        assertThat(voiceBot.endCall(callId, "customer_hangup").status()).isEqualTo(202);
        events.await(CallEnded.class, callId); // nothing for this call can follow the end

        List<CallAnswered> winners = events.of(callId).stream()
                .filter(CallAnswered.class::isInstance).map(CallAnswered.class::cast).toList();
        List<CommandRejected> losers = events.of(callId).stream()
                .filter(CommandRejected.class::isInstance).map(CommandRejected.class::cast).toList();
        assertThat(winners).hasSize(1);
        assertThat(losers).hasSize(19);
        AnswerCall winning = answers.stream()
                .filter(a -> a.requestedBy().equals(winners.get(0).requestedBy())).findFirst().orElseThrow();
        assertThat(winners.get(0).agentId()).isEqualTo(winning.agentId());
        assertThat(losers).allSatisfy(rejected -> {
            assertThat(rejected.code()).isEqualTo("already_answered");
            assertThat(rejected.command()).isEqualTo("answer_call");
            assertThat(rejected.message()).isNotBlank();
        });
        Set<RequestedBy> losingRequesters = answers.stream().filter(a -> a != winning)
                .map(AnswerCall::requestedBy).collect(Collectors.toSet());
        assertThat(losers).extracting(CommandRejected::requestedBy)
                .containsExactlyInAnyOrderElementsOf(losingRequesters);
        assertThat(losers).extracting(CommandRejected::commandId).containsExactlyInAnyOrderElementsOf(
                answers.stream().filter(a -> a != winning).map(AnswerCall::eventId).toList());
    }

    @Test
    void answerOrEndAfterTheEndIsRejectedAsCallEnded() {
        String callId = newCallId("after-end");
        int agentId = availableAgent("Võ Thị F");
        assertThat(voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE).status()).isEqualTo(202);
        assertThat(voiceBot.endCall(callId, "customer_hangup").status()).isEqualTo(202);
        events.await(CallEnded.class, callId);
        RequestedBy crm = new RequestedBy("gateway-2", "socket-late");
        AnswerCall lateAnswer = AnswerCall.of(callId, agentId, "crm_system", crm);
        EndCall lateEnd = EndCall.of(callId, "crm_reject", "crm_system", crm);

        kafka.command(lateAnswer);
        kafka.command(lateEnd);

        List<CommandRejected> rejections = events.awaitCount(callId, 2, CommandRejected.class).stream()
                .map(CommandRejected.class::cast).toList();
        assertThat(rejections).extracting(CommandRejected::commandId, CommandRejected::command,
                        CommandRejected::code, CommandRejected::requestedBy)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(lateAnswer.eventId(), "answer_call", "call_ended", crm),
                        org.assertj.core.groups.Tuple.tuple(lateEnd.eventId(), "end_call", "call_ended", crm));
        assertThat(events.typesOf(callId)).containsExactly("IncomingCall", "CallEnded", "CommandRejected",
                "CommandRejected");
        VoiceBotClient.Response endAgain = voiceBot.endCall(callId, "customer_hangup");
        assertThat(endAgain.status()).isEqualTo(409);
        assertThat(endAgain.error().path("code").asString()).isEqualTo("call_ended");
    }

    @Test
    void answerOrEndOfAnUnknownCallIsRejectedAsCallNotFound() {
        String callId = newCallId("unknown");
        RequestedBy crm = new RequestedBy("gateway-3", "socket-unknown");
        AnswerCall answer = AnswerCall.of(callId, availableAgent("Đỗ Văn G"), "crm_system", crm);
        EndCall end = EndCall.of(callId, "crm_reject", "crm_system", crm);

        kafka.command(answer);
        kafka.command(end);

        List<CommandRejected> rejections = events.awaitCount(callId, 2, CommandRejected.class).stream()
                .map(CommandRejected.class::cast).toList();
        assertThat(rejections).extracting(CommandRejected::commandId, CommandRejected::command,
                        CommandRejected::code, CommandRejected::requestedBy)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(answer.eventId(), "answer_call", "call_not_found", crm),
                        org.assertj.core.groups.Tuple.tuple(end.eventId(), "end_call", "call_not_found", crm));
        assertThat(voiceBot.get("/api/v1/calls/" + callId).status()).isEqualTo(404);
    }

    @Test
    void answerByAnUnknownOrUnavailableAgentIsRejectedAndTheCallKeepsRinging() {
        String callId = newCallId("agents");
        int unknownAgent = newAgentId();
        int busyAgent = newAgentId();
        kafka.agent(busyAgent, "Bùi Văn H", "busy");
        await().atMost(WAIT).ignoreExceptions().until(() -> agentView.find(busyAgent).isPresent());
        int availableAgent = availableAgent("Ngô Thị I");
        assertThat(voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE).status()).isEqualTo(202);
        RequestedBy crm = new RequestedBy("gateway-1", "socket-agents");
        AnswerCall byUnknown = AnswerCall.of(callId, unknownAgent, "crm_system", crm);
        AnswerCall byBusy = AnswerCall.of(callId, busyAgent, "crm_system", crm);

        kafka.command(byUnknown);
        kafka.command(byBusy);

        List<CommandRejected> rejections = events.awaitCount(callId, 2, CommandRejected.class).stream()
                .map(CommandRejected.class::cast).toList();
        assertThat(rejections).extracting(CommandRejected::commandId, CommandRejected::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(byUnknown.eventId(), "agent_not_found"),
                        org.assertj.core.groups.Tuple.tuple(byBusy.eventId(), "agent_busy"));
        assertThat(rejections).allSatisfy(r -> {
            assertThat(r.requestedBy()).isEqualTo(crm);
            assertThat(r.command()).isEqualTo("answer_call");
        });
        assertThat(voiceBot.get("/api/v1/calls/" + callId).data().path("status").asString()).isEqualTo("ringing");
        kafka.command(AnswerCall.of(callId, availableAgent, "crm_system", crm));
        assertThat(events.await(CallAnswered.class, callId).agentId()).isEqualTo(availableAgent);
    }

    @Test
    void customerServiceSlowerThanTheLookupTimeoutStillRingsWithCustomerInfoNull() {
        String callId = newCallId("slow-customer");

        VoiceBotClient.Response started = voiceBot.startCall(callId, RemoteServicesStub.SLOW_PHONE);

        assertThat(started.status()).isEqualTo(202);
        IncomingCallToCrm ringing = events.await(IncomingCall.class, callId).payload();
        assertThat(ringing.customerInfo()).isNull();
        assertThat(ringing.assignedAgent()).isEqualTo(SUGGESTED_AGENT);
        assertThat(ringing.status()).isEqualTo("ringing");
    }

    @Test
    void customerServiceFailingStillRingsWithCustomerInfoNull() {
        String callId = newCallId("failing-customer");

        VoiceBotClient.Response started = voiceBot.startCall(callId, RemoteServicesStub.FAILING_PHONE);

        assertThat(started.status()).isEqualTo(202);
        IncomingCallToCrm ringing = events.await(IncomingCall.class, callId).payload();
        assertThat(ringing.customerInfo()).isNull();
        assertThat(ringing.assignedAgent()).isEqualTo(SUGGESTED_AGENT);
    }

    @Test
    void repeatedCustomerLookupFailuresOpenTheCircuitSoLaterCallsRingWithoutWaitingForTheService() {
        CircuitBreaker breaker = breakers.circuitBreaker("customer-service");
        breaker.reset();
        try {
            for (int i = 0; i < 10; i++) {
                assertThat(voiceBot.startCall(newCallId("failing"), RemoteServicesStub.FAILING_PHONE).status())
                        .isEqualTo(202);
            }
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            int searchesBefore = remote.searchRequests().size();
            String callId = newCallId("open-circuit");

            assertThat(voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE).status()).isEqualTo(202);

            IncomingCallToCrm ringing = events.await(IncomingCall.class, callId).payload();
            assertThat(ringing.customerInfo()).as("not asked while the circuit is open").isNull();
            assertThat(ringing.assignedAgent()).isEqualTo(SUGGESTED_AGENT);
            assertThat(remote.searchRequests()).hasSize(searchesBefore);
        } finally {
            breaker.reset();
        }
    }

    @Test
    void crmRejectEndsARingingCallWithItsReasonAndRequester() {
        String callId = newCallId("crm-reject");
        assertThat(voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE).status()).isEqualTo(202);
        RequestedBy crm = new RequestedBy("gateway-1", "socket-reject");

        kafka.command(EndCall.of(callId, "crm_reject", "crm_system", crm));

        CallEnded ended = events.await(CallEnded.class, callId);
        assertThat(ended.payload().endReason()).isEqualTo("crm_reject");
        assertThat(ended.payload().message()).isEqualTo("Cuộc gọi đã kết thúc");
        assertThat(ended.requestedBy()).isEqualTo(crm);
        assertThat(events.typesOf(callId)).containsExactly("IncomingCall", "CallEnded");
    }

    @Test
    void callerWithoutCustomerRecordRingsWithCustomerInfoNull() {
        String callId = newCallId("new-caller");

        assertThat(voiceBot.startCall(callId, "0933333333").status()).isEqualTo(202);

        assertThat(events.await(IncomingCall.class, callId).payload().customerInfo()).isNull();
        assertThat(remote.searchRequests()).anySatisfy(search ->
                assertThat(search.path("phoneNumber").asString()).isEqualTo("0933333333"));
    }

    @Test
    void malformedCommandsAreDeadLetteredWithTheirOriginAndTheNextCommandStillWorks() throws Exception {
        String callId = newCallId("malformed");
        int agentId = availableAgent("Lý Văn K");
        List<RecordMetadata> poison = new ArrayList<>();
        poison.add(kafka.rawCommand(callId, null, "{not json"));
        poison.add(kafka.rawCommand(callId, "AnswerCall", "{\"callId\": 5, \"agentId\": \"seven\"}"));
        poison.add(kafka.rawCommand(callId, "LaunchRocket", "{}"));
        poison.add(kafka.rawCommand(callId, "AnswerCall", "null"));

        // the StartCall lands behind the bad records in the same partition (same key)
        assertThat(voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE).status()).isEqualTo(202);
        kafka.command(AnswerCall.of(callId, agentId, "crm_system", new RequestedBy("gateway-1", "socket-m")));

        assertThat(events.await(CallAnswered.class, callId).agentId()).isEqualTo(agentId);
        assertThat(events.typesOf(callId)).containsExactly("IncomingCall", "CallAnswered");
        await().atMost(WAIT).until(() -> deadLetters.records().stream().filter(r -> callId.equals(r.key())).count()
                >= 4);
        List<ConsumerRecord<String, byte[]>> kept = deadLetters.records().stream()
                .filter(r -> callId.equals(r.key())).toList();
        assertThat(kept).hasSize(4);
        for (int i = 0; i < 4; i++) {
            ConsumerRecord<String, byte[]> letter = kept.get(i);
            assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo(Topics.CALL_COMMANDS.getBytes());
            assertThat(ByteBuffer.wrap(header(letter, "kafka_dlt-original-partition")).getInt())
                    .isEqualTo(poison.get(i).partition()).isEqualTo(letter.partition());
            assertThat(ByteBuffer.wrap(header(letter, "kafka_dlt-original-offset")).getLong())
                    .isEqualTo(poison.get(i).offset());
            assertThat(new String(header(letter, "kafka_dlt-exception-fqcn"))).isNotBlank();
            assertThat(new String(header(letter, "kafka_dlt-exception-message"))).isNotBlank();
        }
        assertThat(new String(kept.get(0).value())).isEqualTo("{not json");
        assertThat(new String(header(kept.get(2), "kafka_dlt-exception-message"))).contains("LaunchRocket");
    }

    @Test
    void commandWhoseProcessingFailsIsDeadLetteredAndTheNextCommandStillWorks() {
        String callId = newCallId("unprocessable");
        // readable, but its start time is beyond what the guide's time format can write: processing throws
        RecordMetadata poison = kafka.rawCommand(callId, "StartCall", """
                {"type":"StartCall","eventId":"%s","occurredAt":"+1000000000-12-31T23:59:59.999999999Z","schemaVersion":1,
                 "callId":"%s","callerNumber":"0912345678","calledNumber":"1900","source":"softphone",
                 "customerInfo":null,"suggestedAgent":null,"requestedBy":null}""".formatted(UUID.randomUUID(), callId));

        VoiceBotClient.Response started = voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE);

        assertThat(started.status()).isEqualTo(202);
        assertThat(events.await(IncomingCall.class, callId).payload().startTime()).startsWith("20");
        assertThat(events.typesOf(callId)).containsExactly("IncomingCall");
        ConsumerRecord<String, byte[]> letter = awaitDeadLetter(callId);
        assertThat(ByteBuffer.wrap(header(letter, "kafka_dlt-original-offset")).getLong()).isEqualTo(poison.offset());
        assertThat(ByteBuffer.wrap(header(letter, "kafka_dlt-original-partition")).getInt())
                .isEqualTo(poison.partition());
        assertThat(new String(header(letter, "kafka_dlt-exception-stacktrace"))).contains("CallLifecycleProcessor");
        assertThat(metrics.find(DeadLetters.METRIC).tag("topic", Topics.CALL_COMMANDS).counter()).isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isPositive());
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String callId) {
        await().atMost(WAIT).until(() -> deadLetters.records().stream().anyMatch(r -> callId.equals(r.key())));
        return deadLetters.records().stream().filter(r -> callId.equals(r.key())).findFirst().orElseThrow();
    }

    private static byte[] header(ConsumerRecord<String, byte[]> record, String name) {
        org.apache.kafka.common.header.Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return header.value();
    }

    @Test
    void listingRefusesAnUnknownStatus() {
        VoiceBotClient.Response listed = voiceBot.get("/api/v1/calls?status=on_hold");

        assertThat(listed.status()).isEqualTo(400);
        assertThat(listed.error().path("message").asString()).contains("status");
    }

    @Test
    void listingReturnsTheMostRecentCallsUpToTheLimitOldestFirst() {
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String callId = newCallId("listed");
            assertThat(voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE).status()).isEqualTo(202);
            started.add(callId);
        }

        VoiceBotClient.Response listed = voiceBot.get("/api/v1/calls?status=ringing&limit=2");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.data().findValuesAsString("callId")).containsExactly(started.get(1), started.get(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-1", "ten"})
    void listingRefusesALimitOutsideOneToAThousand(String limit) {
        VoiceBotClient.Response listed = voiceBot.get("/api/v1/calls?status=ringing&limit=" + limit);

        assertThat(listed.status()).isEqualTo(400);
        assertThat(listed.json().path("success").asBoolean()).isFalse();
        assertThat(listed.error().path("message").asString()).contains("limit");
    }

    private int availableAgent(String name) {
        int agentId = newAgentId();
        kafka.agent(agentId, name, "available");
        await().atMost(WAIT).ignoreExceptions().until(() -> agentView.find(agentId)
                .filter(a -> "available".equals(a.status())).isPresent());
        return agentId;
    }

    private List<String> callIdsListed(String status) {
        VoiceBotClient.Response listed = voiceBot.get("/api/v1/calls?status=" + status);
        assertThat(listed.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        listed.data().forEach(call -> {
            assertThat(call.path("status").asString()).isEqualTo(status);
            ids.add(call.path("callId").asString());
        });
        return ids;
    }

    private List<CallCommand> commandsOf(String callId) {
        return commandRecorder.values().stream().filter(c -> c != null && callId.equals(c.callId())).toList();
    }

    private static Set<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().collect(Collectors.toSet());
    }

    private static JsonNode json(String text) {
        return CallcenterJson.mapper().readTree(text);
    }
}
