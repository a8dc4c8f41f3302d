package io.callcenter.ingest;

import io.callcenter.ingest.agents.AgentView;
import io.callcenter.ingest.support.CommandFlow;
import io.callcenter.ingest.support.IngestInstance;
import io.callcenter.ingest.support.IngestTestProperties;
import io.callcenter.ingest.support.KafkaTestPublisher;
import io.callcenter.ingest.support.LifecycleEvents;
import io.callcenter.ingest.support.RemoteServicesStub;
import io.callcenter.ingest.support.VoiceBotClient;
import io.callcenter.infra.FreePorts;
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
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.callcenter.ingest.support.KafkaTestPublisher.newAgentId;
import static io.callcenter.ingest.support.KafkaTestPublisher.newCallId;
import static io.callcenter.ingest.support.LifecycleEvents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two call-ingest instances with one application id share the calls by callId (Kafka Streams partitions), and either
 * answers the VoiceBot API for every call: requests for the other instance's calls are forwarded to it.
 */
@RealInfrastructure
class TwoInstancesTest {

    @Test
    void twoInstancesSplitThePartitionsAndEitherServesTheVoiceBotApiForEveryCall() throws Exception {
        String applicationId = IngestTestProperties.newApplicationId();
        try (RemoteServicesStub remote = new RemoteServicesStub();
             KafkaTestPublisher kafka = new KafkaTestPublisher();
             TopicRecorder<CallEvent> recorder = TopicRecorder.fromNow(Topics.CALL_EVENTS,
                     new CallEventDeserializer());
             IngestInstance a = IngestInstance.start(settings(applicationId, "a", remote))) {
            LifecycleEvents events = new LifecycleEvents(recorder);
            CommandFlow.awaitEveryPartitionConsumed(a.port(), kafka, recorder);
            try (IngestInstance b = IngestInstance.start(settings(applicationId, "b", remote))) {
                await().atMost(WAIT).until(() -> a.activeTasks() > 0 && b.activeTasks() > 0
                        && a.activeTasks() + b.activeTasks() == kafka.commandPartitions());
                List<IngestInstance> instances = List.of(a, b);

                List<String> callIds = oneCallPerPartition(kafka.commandPartitions());
                for (int i = 0; i < callIds.size(); i++) {
                    // confirmed by whichever instance took the POST, whoever owns the call's partition
                    assertThat(instances.get(i % 2).client().startCall(callIds.get(i), RemoteServicesStub.KNOWN_PHONE)
                            .status()).as("POST of %s", callIds.get(i)).isEqualTo(202);
                }
                for (String callId : callIds) {
                    int agentId = availableAgent(kafka, instances);
                    kafka.command(AnswerCall.of(callId, agentId, "crm_system", new RequestedBy("gateway-1", "s")));
                    assertThat(events.await(CallAnswered.class, callId).agentId()).isEqualTo(agentId);
                }

                for (String callId : callIds) {
                    assertThat(events.typesOf(callId)).as(callId).containsExactly("IncomingCall", "CallAnswered");
                    assertThat(events.await(IncomingCall.class, callId).payload().customerInfo()).isNotNull();
                }

                for (IngestInstance instance : instances) {
                    VoiceBotClient voiceBot = instance.client();
                    for (String callId : callIds) {
                        VoiceBotClient.Response call = voiceBot.get("/api/v1/calls/" + callId);
                        assertThat(call.status()).as("GET %s on %s", callId, instance.port()).isEqualTo(200);
                        assertThat(call.data().path("status").asString()).isEqualTo("connected");
                        VoiceBotClient.Response again = voiceBot.startCall(callId, RemoteServicesStub.KNOWN_PHONE);
                        assertThat(again.status()).as("repeated POST of %s on %s", callId, instance.port())
                                .isEqualTo(200);
                        assertThat(again.data().path("status").asString()).isEqualTo("connected");
                    }
                    assertThat(voiceBot.get("/api/v1/calls?status=connected&limit=1000").data()
                            .findValuesAsString("callId")).containsAll(callIds);
                    assertThat(voiceBot.get("/api/v1/calls/" + newCallId("unknown")).status()).isEqualTo(404);
                }
                for (int i = 0; i < callIds.size(); i++) {
                    assertThat(instances.get(i % 2).client().endCall(callIds.get(i), "customer_hangup").status())
                            .as("end of %s", callIds.get(i)).isEqualTo(202);
                }
                for (String callId : callIds) {
                    events.await(CallEnded.class, callId);
                    assertThat(events.typesOf(callId)).as(callId)
                            .containsExactly("IncomingCall", "CallAnswered", "CallEnded");
                }
            }
        }
    }

    /** A fixed port, known before start: Kafka Streams tells the other instance where to forward to. */
    private static Map<String, Object> settings(String applicationId, String name, RemoteServicesStub remote) {
        Map<String, Object> settings = IngestInstance.settings(applicationId,
                IngestTestProperties.stateDirFor(applicationId + "-" + name), applicationId + "-" + name, remote.url());
        int port = FreePorts.pick();
        settings.put("server.port", port);
        settings.put("callcenter.ingest.advertised-address", "localhost:" + port);
        return settings;
    }

    /** Call ids whose keys land on every partition, as the producer's default partitioner places them. */
    private static List<String> oneCallPerPartition(int partitions) {
        List<String> callIds = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        while (covered.size() < partitions) {
            String callId = newCallId("two-instances");
            int partition = Utils.toPositive(Utils.murmur2(callId.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (covered.add(partition)) {
                callIds.add(callId);
            }
        }
        return callIds;
    }

    /** A new available agent, known to both instances (each keeps its own view of the agent topic). */
    private static int availableAgent(KafkaTestPublisher kafka, List<IngestInstance> instances) {
        int agentId = newAgentId();
        kafka.agent(agentId, "Lý Văn N", "available");
        for (IngestInstance instance : instances) {
            AgentView view = instance.context().getBean(AgentView.class);
            await().atMost(WAIT).ignoreExceptions().until(() -> view.find(agentId).isPresent());
        }
        return agentId;
    }
}
