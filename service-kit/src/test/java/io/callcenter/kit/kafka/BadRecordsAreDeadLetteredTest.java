package io.callcenter.kit.kafka;

import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.EventHeaders;
import io.callcenter.model.serde.EventSerializer;
import io.callcenter.testing.RealInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.annotation.KafkaListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bad-record policy every service gets from the kit: malformed records, unknown event types and records whose
 * processing keeps failing are logged with topic, partition, offset and reason, skipped, and consumption goes on.
 */
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = BadRecordsAreSkippedTest.ListenerApp.class, properties = {
        "spring.kafka.consumer.group-id=kit-bad-records-test",
        "spring.kafka.consumer.auto-offset-reset=earliest",
        "spring.kafka.consumer.value-deserializer=org.springframework.kafka.support.serializer.ErrorHandlingDeserializer",
        "spring.kafka.consumer.properties.spring.deserializer.value.delegate.class=io.callcenter.model.serde.CallEventDeserializer",
        "callcenter.kafka.retry.max-elapsed=1s",
        "test.topic=kit.bad-records.test"})
class BadRecordsAreSkippedTest {
    private static final String TOPIC = "kit.bad-records.test";

    @Autowired
    ListenerApp app;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void malformedUnknownAndFailingRecordsAreLoggedSkippedAndConsumptionGoesOn(CapturedOutput output) throws Exception {
        // All on one partition, so the good record is only reached if the bad ones before it were skipped.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, 0, "CALL_BAD_JSON", "{not json".getBytes())).get();
            ProducerRecord<String, byte[]> unknownType = new ProducerRecord<>(TOPIC, 0, "CALL_UNKNOWN", "{}".getBytes());
            unknownType.headers().add(EventHeaders.EVENT_TYPE, "CallTeleported".getBytes(StandardCharsets.UTF_8));
            producer.send(unknownType).get();
            producer.send(new ProducerRecord<>(TOPIC, 0, "CALL_FAILS", json(ringing("CALL_FAILS")))).get();
            producer.send(new ProducerRecord<>(TOPIC, 0, "CALL_GOOD", json(ringing("CALL_GOOD")))).get();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> app.handled.contains("CALL_GOOD"));
        assertThat(app.handled).containsExactly("CALL_GOOD");
        assertThat(output.getAll())
                .containsPattern("Skipping record topic=" + TOPIC + " partition=\\d+ offset=\\d+ key=CALL_BAD_JSON: "
                        + "unreadable value")
                .containsPattern("Skipping record topic=" + TOPIC + " partition=\\d+ offset=\\d+ key=CALL_UNKNOWN: "
                        + "unreadable value: unknown event type 'CallTeleported'")
                .containsPattern("Skipping record topic=" + TOPIC + " partition=\\d+ offset=\\d+ key=CALL_FAILS: "
                        + ".*processing failed on purpose");
    }

    private static IncomingCall ringing(String callId) {
        return IncomingCall.of(new IncomingCallToCrm(callId, "0912345678", "1900", null, null,
                "2025-09-22T05:46:34.487215", "ringing", "softphone"));
    }

    private static byte[] json(Object event) {
        return new EventSerializer<>().serialize(TOPIC, event);
    }

    @SpringBootApplication
    static class ListenerApp {
        final List<String> handled = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = "${test.topic}")
        void on(CallEvent event) {
            if (event.callId().equals("CALL_FAILS")) {
                throw new IllegalStateException("processing failed on purpose");
            }
            handled.add(event.callId());
        }
    }
}
