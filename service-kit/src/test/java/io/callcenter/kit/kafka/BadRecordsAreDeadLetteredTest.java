package io.callcenter.kit.kafka;

import io.callcenter.model.Topics;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.EventHeaders;
import io.callcenter.model.serde.EventSerializer;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bad-record policy every service gets from the kit: malformed records, unknown event types and records whose
 * processing keeps failing are kept in the topic's dead-letter topic ({@code <topic>-dlt}, spring-kafka's naming)
 * with their origin and the exception in headers, counted, logged, and consumption goes on.
 */
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = BadRecordsAreDeadLetteredTest.ListenerApp.class, properties = {
        "spring.kafka.consumer.group-id=kit-bad-records-test",
        "spring.kafka.consumer.auto-offset-reset=earliest",
        "spring.kafka.consumer.value-deserializer=org.springframework.kafka.support.serializer.ErrorHandlingDeserializer",
        "spring.kafka.consumer.properties.spring.deserializer.value.delegate.class=io.callcenter.model.serde.CallEventDeserializer",
        "callcenter.kafka.retry.max-elapsed=1s",
        "test.topic=kit.bad-records.test"})
class BadRecordsAreDeadLetteredTest {
    private static final String TOPIC = "kit.bad-records.test";

    @Autowired
    ListenerApp app;
    @Autowired
    MeterRegistry meters;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void malformedUnknownAndFailingRecordsLandInTheDeadLetterTopicWithTheirOriginAndConsumptionGoesOn(
            CapturedOutput output) throws Exception {
        List<RecordMetadata> poison = new ArrayList<>();
        try (TopicRecorder<byte[]> deadLetters = TopicRecorder.fromNow(Topics.deadLetter(TOPIC),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                     Map.of("bootstrap.servers", bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            // All on one partition, so the good record is only reached if the bad ones before it were set aside.
            poison.add(producer.send(new ProducerRecord<>(TOPIC, 0, "CALL_BAD_JSON", "{not json".getBytes())).get());
            ProducerRecord<String, byte[]> unknownType = new ProducerRecord<>(TOPIC, 0, "CALL_UNKNOWN",
                    "{}".getBytes());
            unknownType.headers().add(EventHeaders.EVENT_TYPE, "CallTeleported".getBytes(StandardCharsets.UTF_8));
            poison.add(producer.send(unknownType).get());
            poison.add(producer.send(new ProducerRecord<>(TOPIC, 0, "CALL_FAILS", json(ringing("CALL_FAILS")))).get());
            producer.send(new ProducerRecord<>(TOPIC, 0, "CALL_GOOD", json(ringing("CALL_GOOD")))).get();

            await().atMost(Duration.ofSeconds(60)).until(() -> app.handled.contains("CALL_GOOD"));
            await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.records().size() >= 3);

            assertThat(app.handled).containsExactly("CALL_GOOD");
            List<ConsumerRecord<String, byte[]>> kept = deadLetters.records();
            assertThat(kept).extracting(ConsumerRecord::key).containsExactly("CALL_BAD_JSON", "CALL_UNKNOWN",
                    "CALL_FAILS");
            for (int i = 0; i < 3; i++) {
                ConsumerRecord<String, byte[]> letter = kept.get(i);
                assertThat(letter.partition()).isZero();
                assertThat(new String(header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC))).isEqualTo(TOPIC);
                assertThat(ByteBuffer.wrap(header(letter, KafkaHeaders.DLT_ORIGINAL_PARTITION)).getInt()).isZero();
                assertThat(ByteBuffer.wrap(header(letter, KafkaHeaders.DLT_ORIGINAL_OFFSET)).getLong())
                        .isEqualTo(poison.get(i).offset());
                assertThat(new String(header(letter, KafkaHeaders.DLT_EXCEPTION_FQCN))).isNotBlank();
            }
            assertThat(new String(kept.get(0).value())).isEqualTo("{not json");
            // spring-kafka's message is "failed to deserialize"; the stack trace holds the cause
            assertThat(new String(header(kept.get(1), KafkaHeaders.DLT_EXCEPTION_STACKTRACE)))
                    .contains("unknown event type 'CallTeleported'");
            assertThat(new String(header(kept.get(2), KafkaHeaders.DLT_EXCEPTION_STACKTRACE)))
                    .contains("processing failed on purpose");
            assertThat(meters.get(DeadLetters.METRIC).tag("topic", TOPIC).tag("source", "listener").counter()
                    .count()).isEqualTo(3.0);
            assertThat(output.getAll())
                    .containsPattern("Dead-lettered record topic=" + TOPIC + " partition=0 offset=\\d+ "
                            + "key=CALL_FAILS to " + TOPIC + "-dlt: .*processing failed on purpose");
        }
    }

    private static byte[] header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return header.value();
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
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        KafkaAdmin.NewTopics testTopics() {
            return new KafkaAdmin.NewTopics(TopicBuilder.name(TOPIC).partitions(1).build(),
                    TopicBuilder.name(Topics.deadLetter(TOPIC)).partitions(1).build());
        }

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
