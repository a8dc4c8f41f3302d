package io.callcenter.ingest;

import io.callcenter.ingest.agents.AgentView;
import io.callcenter.ingest.agents.AvailableAgents;
import io.callcenter.ingest.support.CommandFlow;
import io.callcenter.ingest.support.IngestInstance;
import io.callcenter.ingest.support.IngestTestProperties;
import io.callcenter.ingest.support.KafkaTestPublisher;
import io.callcenter.ingest.support.LifecycleEvents;
import io.callcenter.ingest.support.RemoteServicesStub;
import io.callcenter.ingest.support.VoiceBotClient;
import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.callcenter.ingest.support.KafkaTestPublisher.newAgentId;
import static io.callcenter.ingest.support.KafkaTestPublisher.newCallId;
import static io.callcenter.ingest.support.LifecycleEvents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** call-ingest stopped and started again (same application id and state directory) in the middle of a call. */
@RealInfrastructure
class CallIngestRestartTest {

    @Test
    void answerAfterARestartWorksAndTheTopicHoldsNoDuplicateLifecycleEvent() throws Exception {
        String applicationId = IngestTestProperties.newApplicationId();
        Path stateDir = IngestTestProperties.stateDirFor(applicationId);
        String callId = newCallId("restart");
        try (RemoteServicesStub remote = new RemoteServicesStub();
             KafkaTestPublisher kafka = new KafkaTestPublisher();
             TopicRecorder<CallEvent> recorder = TopicRecorder.fromNow(Topics.CALL_EVENTS,
                     new CallEventDeserializer())) {
            LifecycleEvents events = new LifecycleEvents(recorder);
            int agentId = newAgentId();
            kafka.agent(agentId, "Đặng Thị M", "available");
            Map<String, Object> properties = properties(applicationId, stateDir, remote.url());
            IncomingCall incoming;

            try (IngestInstance first = IngestInstance.start(properties)) {
                VoiceBotClient voiceBot = first.client();
                CommandFlow.awaitEveryPartitionConsumed(first.port(), kafka, recorder);
                assertThat(voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE).status()).isEqualTo(202);
                incoming = events.await(IncomingCall.class, callId);
            }

            try (IngestInstance second = IngestInstance.start(properties)) {
                VoiceBotClient voiceBot = second.client();
                await().atMost(WAIT).until(() -> voiceBot.get("/api/v1/calls/" + callId).status() == 200);
                assertThat(voiceBot.get("/api/v1/calls/" + callId).data().path("status").asString())
                        .isEqualTo("ringing");
                // the listing's index is rebuilt from the restored store too
                assertThat(voiceBot.get("/api/v1/calls?status=ringing").data().findValuesAsString("callId"))
                        .contains(callId);
                AgentView agents = second.context().getBean(AgentView.class);
                await().atMost(WAIT).ignoreExceptions().until(() -> agents.find(agentId).isPresent());
                // the available agents are listed again: the in-memory agents store replays the topic on a start
                AvailableAgents available = second.context().getBean(AvailableAgents.class);
                assertThat(available.isAvailable(agentId)).isTrue();
                assertThat(available.longestIdle()).isNotNull();

                kafka.command(AnswerCall.of(callId, agentId, "crm_system", new RequestedBy("gateway-1", "s-1")));

                CallAnswered answered = events.await(CallAnswered.class, callId);
                assertThat(answered.agentId()).isEqualTo(agentId);
                // the customer found before the restart comes from the restored store
                assertThat(answered.payload().call().customerInfo()).isEqualTo(incoming.payload().customerInfo());
                assertThat(voiceBot.endCall(callId, "customer_hangup").status()).isEqualTo(202);
                events.await(CallEnded.class, callId);
            }
            assertThat(events.typesOf(callId)).containsExactly("IncomingCall", "CallAnswered", "CallEnded");
        }
    }

    @Test
    void callRingingAcrossARestartStillEndsWithNoAnswerAfterTheRingTimeout() throws Exception {
        String applicationId = IngestTestProperties.newApplicationId();
        String callId = newCallId("restart-ring");
        try (RemoteServicesStub remote = new RemoteServicesStub();
             KafkaTestPublisher kafka = new KafkaTestPublisher();
             TopicRecorder<CallEvent> recorder = TopicRecorder.fromNow(Topics.CALL_EVENTS,
                     new CallEventDeserializer())) {
            LifecycleEvents events = new LifecycleEvents(recorder);
            Map<String, Object> properties = new HashMap<>(properties(applicationId,
                    IngestTestProperties.stateDirFor(applicationId), remote.url()));
            properties.put("callcenter.ingest.ring-timeout", "4s");

            try (IngestInstance first = IngestInstance.start(properties)) {
                CommandFlow.awaitEveryPartitionConsumed(first.port(), kafka, recorder);
                assertThat(first.client().startCall(callId, RemoteServicesStub.KNOWN_PHONE).status()).isEqualTo(202);
                events.await(IncomingCall.class, callId);
            }

            // the new instance knows the ringing call only from its restored store
            try (IngestInstance second = IngestInstance.start(properties)) {
                CallEnded ended = events.await(CallEnded.class, callId);
                assertThat(ended.payload().endReason()).isEqualTo("no_answer");
            }
            assertThat(events.typesOf(callId)).containsExactly("IncomingCall", "CallEnded");
        }
    }

    @Test
    void prodProfileRefusesToStartWithoutAnApiKey() {
        String applicationId = IngestTestProperties.newApplicationId();
        SpringApplicationBuilder prodWithoutKey = new SpringApplicationBuilder(CallIngestApplication.class)
                .profiles("prod");
        String[] args = IngestInstance.arguments(properties(applicationId, IngestTestProperties.stateDirFor(applicationId),
                "http://127.0.0.1:1"));

        assertThatThrownBy(() -> prodWithoutKey.run(args)).hasStackTraceContaining("callcenter.ingest.api-key");
    }

    private static Map<String, Object> properties(String applicationId, Path stateDir, String remoteUrl) {
        return IngestInstance.settings(applicationId, stateDir, applicationId + "-instance", remoteUrl);
    }
}
