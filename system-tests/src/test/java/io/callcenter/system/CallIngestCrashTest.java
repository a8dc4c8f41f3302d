package io.callcenter.system;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.model.serde.EventSerializer;
import io.callcenter.simulator.IngestClient;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * call-ingest is killed (SIGKILL) between an incoming call and its answer. After a restart the answer succeeds, and
 * the topic holds the call's lifecycle exactly once: no event lost, none duplicated.
 */
@Tag("reliability")
@RealInfrastructure
class CallIngestCrashTest {

    @Test
    void anAnswerAfterACallIngestCrashSucceedsAndNoLifecycleEventIsLostOrDuplicated() throws Exception {
        try (RunningSystem system = new RunningSystem(Map.of("CALLCENTER_INGEST_RING_TIMEOUT", "10m"), Map.of());
             TopicRecorder<CallEvent> events = TopicRecorder.fromBeginning(Topics.CALL_EVENTS,
                     new CallEventDeserializer())) {
            int agentId = Agents.create(system.agentDirectoryUrl(), "Crash Agent", 1).get(0);
            IngestClient voicebot = new IngestClient(system.ingestUrl(), null);
            String callId = "CRASH_INGEST_" + System.nanoTime();
            assertThat(voicebot.startCall(callId, "0912345678", "1900").join().status()).isEqualTo(202);
            events.awaitValues(e -> e instanceof IncomingCall && e.callId().equals(callId), 1, Duration.ofSeconds(30));

            system.callIngest().kill();
            system.startCallIngest().awaitHealthy();

            try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    system.infrastructure().kafkaBootstrapServers(), "acks", "all"), new StringSerializer(),
                    new EventSerializer<>())) {
                producer.send(new ProducerRecord<>(Topics.CALL_COMMANDS, callId, AnswerCall.of(callId, agentId,
                        "crm_system", new RequestedBy("crash-test", "socket-1")))).get();
            }
            events.awaitValues(e -> e instanceof CallAnswered && e.callId().equals(callId), 1, Duration.ofSeconds(60));
            assertThat(voicebot.endCall(callId, "customer_hangup").join().status()).isEqualTo(202);
            events.awaitValues(e -> e instanceof CallEnded && e.callId().equals(callId), 1, Duration.ofSeconds(30));

            List<String> lifecycle = events.values().stream().filter(e -> e != null && e.callId().equals(callId))
                    .map(e -> e.getClass().getSimpleName()).toList();
            assertThat(lifecycle).containsExactly("IncomingCall", "CallAnswered", "CallEnded");
        }
    }
}
