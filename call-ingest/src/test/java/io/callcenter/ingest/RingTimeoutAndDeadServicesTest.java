package io.callcenter.ingest;

import io.callcenter.infra.FreePorts;
import io.callcenter.ingest.support.CommandFlow;
import io.callcenter.ingest.support.IngestTestProperties;
import io.callcenter.ingest.support.KafkaTestPublisher;
import io.callcenter.ingest.support.LifecycleEvents;
import io.callcenter.ingest.support.VoiceBotClient;
import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CrmTime;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.ingest.agents.AgentView;
import io.callcenter.ingest.agents.AvailableAgents;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;

import static io.callcenter.ingest.support.KafkaTestPublisher.newAgentId;
import static io.callcenter.ingest.support.KafkaTestPublisher.newCallId;
import static io.callcenter.ingest.support.LifecycleEvents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 2 s ring timeout, and customer-service and agent-directory both down (nothing listens on their ports): calls
 * still ring, without customer but with the agent suggested from the agent events (call-ingest never asks
 * agent-directory), and end with {@code no_answer} when nobody answers. Ended calls
 * are kept 8 s here, then forgotten.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"callcenter.ingest.ring-timeout=2s", "callcenter.ingest.ended-call-retention=8s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RingTimeoutAndDeadServicesTest {
    private static final Duration RING_TIMEOUT = Duration.ofSeconds(2);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String nobodyListens = "http://127.0.0.1:" + FreePorts.pick();
        IngestTestProperties.register(registry, nobodyListens);
    }

    @LocalServerPort
    int port;
    @Autowired
    AgentView agentView;
    @Autowired
    AvailableAgents availableAgents;
    VoiceBotClient voiceBot;
    KafkaTestPublisher kafka;
    TopicRecorder<CallEvent> recorder;
    LifecycleEvents events;

    @BeforeEach
    void setUp() {
        voiceBot = new VoiceBotClient(port);
        await().atMost(WAIT).until(() -> voiceBot.get("/api/v1/calls").status() == 200);
        kafka = new KafkaTestPublisher();
        recorder = TopicRecorder.fromNow(Topics.CALL_EVENTS, new CallEventDeserializer());
        events = new LifecycleEvents(recorder);
        CommandFlow.awaitEveryPartitionConsumed(port, kafka, recorder);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        recorder.close();
        kafka.close();
    }

    @Test
    void callRingingLongerThanTheRingTimeoutEndsWithNoAnswer() {
        String callId = newCallId("no-answer");

        assertThat(voiceBot.startCall(callId, "0912345678").status()).isEqualTo(202);

        Instant startTime = CrmTime.parse(events.await(IncomingCall.class, callId).payload().startTime());
        CallEnded ended = events.await(CallEnded.class, callId);
        assertThat(ended.payload().endReason()).isEqualTo("no_answer");
        assertThat(ended.payload().message()).isEqualTo("Cuộc gọi đã kết thúc");
        assertThat(ended.payload().duration()).isGreaterThanOrEqualTo(RING_TIMEOUT.getSeconds());
        assertThat(ended.occurredAt()).isAfterOrEqualTo(startTime.plus(RING_TIMEOUT));
        assertThat(ended.agentId()).isNull();
        assertThat(voiceBot.get("/api/v1/calls/" + callId).data().path("endReason").asString())
                .isEqualTo("no_answer");

        RequestedBy crm = new RequestedBy("gateway-1", "socket-late");
        kafka.command(AnswerCall.of(callId, availableAgent(), "crm_system", crm));
        CommandRejected late = events.await(CommandRejected.class, callId);
        assertThat(late.code()).isEqualTo("call_ended");
        assertThat(late.requestedBy()).isEqualTo(crm);
    }

    @Test
    void answeredCallIsNotEndedByTheRingTimeout() {
        String callId = newCallId("answered-in-time");
        int agentId = availableAgent();
        assertThat(voiceBot.startCall(callId, "0912345678").status()).isEqualTo(202);
        kafka.command(AnswerCall.of(callId, agentId, "crm_system", new RequestedBy("gateway-1", "socket-1")));
        events.await(CallAnswered.class, callId);

        // throughout the ring timeout plus a sweep, the call stays connected; then it ends for the reason given
        await().during(Duration.ofMillis(3_500)).atMost(Duration.ofSeconds(10)).until(() ->
                "connected".equals(voiceBot.get("/api/v1/calls/" + callId).data().path("status").asString()));
        assertThat(voiceBot.endCall(callId, "customer_hangup").status()).isEqualTo(202);

        assertThat(events.await(CallEnded.class, callId).payload().endReason()).isEqualTo("customer_hangup");
        assertThat(events.typesOf(callId)).containsExactly("IncomingCall", "CallAnswered", "CallEnded");
    }

    @Test
    void endedCallIsForgottenAfterTheRetention() {
        String callId = newCallId("retention");
        assertThat(voiceBot.startCall(callId, "0912345678").status()).isEqualTo(202);
        assertThat(voiceBot.endCall(callId, "customer_hangup").status()).isEqualTo(202);
        events.await(CallEnded.class, callId);
        assertThat(voiceBot.get("/api/v1/calls/" + callId).data().path("status").asString()).isEqualTo("ended");

        await().atMost(WAIT).until(() -> voiceBot.get("/api/v1/calls/" + callId).status() == 404);
        RequestedBy crm = new RequestedBy("gateway-1", "socket-much-later");
        kafka.command(AnswerCall.of(callId, availableAgent(), "crm_system", crm));

        assertThat(events.await(CommandRejected.class, callId).code()).isEqualTo("call_not_found");
    }

    @Test
    void customerServiceAndAgentDirectoryDownStillRingWithoutCustomerButWithTheSuggestedAgent() {
        String callId = newCallId("services-down");
        availableAgent();
        AgentInfo longestIdle = availableAgents.longestIdle();

        VoiceBotClient.Response started = voiceBot.startCall(callId, "0912345678");

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.data().path("status").asString()).isEqualTo("ringing");
        IncomingCallToCrm ringing = events.await(IncomingCall.class, callId).payload();
        assertThat(ringing.customerInfo()).isNull();
        assertThat(ringing.assignedAgent()).isNotNull().isEqualTo(longestIdle);
        assertThat(ringing.status()).isEqualTo("ringing");
        assertThat(ringing.callerNumber()).isEqualTo("0912345678");
    }

    private int availableAgent() {
        int agentId = newAgentId();
        kafka.agent(agentId, "Trịnh Văn L", "available");
        await().atMost(WAIT).ignoreExceptions().until(() -> agentView.find(agentId).isPresent());
        return agentId;
    }
}
