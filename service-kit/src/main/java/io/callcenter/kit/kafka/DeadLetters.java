package io.callcenter.kit.kafka;

import io.callcenter.model.Topics;
import io.callcenter.model.serde.EventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaHeaders;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a service keeps the records it cannot handle: the dead-letter topic {@code <topic>-dlt}
 * ({@link Topics#deadLetter}, spring-kafka's {@link DeadLetterPublishingRecoverer} naming), same partition number as
 * the original, the original key and value bytes and headers, plus spring-kafka's {@code kafka_dlt-*} headers:
 * original topic, partition, offset, timestamp, consumer group (listeners), exception class, message and stack trace.
 * Listener containers get it through {@link #recoverer()}; Kafka Streams, which has no dead-letter support before
 * Kafka 4.2, through {@link #publish}. Each dead-lettered record counts in {@value #METRIC} (tags {@code topic}: the
 * original topic, {@code source}: {@code listener} / {@code streams}).
 * <p>
 * Its producer is its own (not a bean, so Spring Boot's {@code KafkaTemplate} stays as it is), non-transactional,
 * built from the service's producer settings, writing keys and values as they came: bytes as bytes, a String key
 * as UTF-8, a record the listener had already read as the contract's JSON.
 */
public class DeadLetters implements DisposableBean {
    public static final String METRIC = "callcenter.kafka.dead.letters";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final DefaultKafkaProducerFactory<Object, Object> producers;
    private final KafkaTemplate<Object, Object> template;
    private final MeterRegistry meters;

    public DeadLetters(Map<String, Object> producerSettings, MeterRegistry meters) {
        this.producers = new DefaultKafkaProducerFactory<>(producerSettings, new AsItCame(), new AsItCame());
        this.template = new KafkaTemplate<>(producers);
        this.meters = meters;
    }

    /** For listener containers: publishes the failed record to its dead-letter topic, then counts it. */
    public ConsumerRecordRecoverer recoverer() {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template);
        publisher.setFailIfSendResultIsError(true);
        publisher.setWaitForSendResultTimeout(java.time.Duration.ofSeconds(SEND_TIMEOUT_SECONDS));
        return (record, exception) -> {
            publisher.accept(record, exception);
            counted(record.topic(), "listener");
            log.error("Dead-lettered record topic={} partition={} offset={} key={} to {}: {}", record.topic(),
                    record.partition(), record.offset(), record.key(), Topics.deadLetter(record.topic()),
                    SkipBadRecords.reason(exception));
        };
    }

    /**
     * For Kafka Streams' exception handlers: publishes a record it could not deserialize or process to
     * {@code deadLetterTopic} with the same headers a listener's would get, and waits until the broker has it
     * (throws if it does not, so the handler can fail rather than lose the record).
     */
    public void publish(String deadLetterTopic, Integer partition, ConsumerRecord<byte[], byte[]> original,
                        Exception exception) throws Exception {
        Headers headers = new RecordHeaders(original.headers().toArray());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(original.topic()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(original.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(original.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
                ByteBuffer.allocate(8).putLong(original.timestamp()).array());
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(exception.getClass().getName()));
        Throwable cause = rootCause(exception);
        if (cause != exception) {
            headers.add(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, utf8(cause.getClass().getName()));
        }
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(exception.getMessage())));
        headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, utf8(stackTrace(exception)));
        template.send(new ProducerRecord<>(deadLetterTopic, partition, null, original.key(), original.value(),
                headers)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        counted(original.topic(), "streams");
        log.error("Dead-lettered record topic={} partition={} offset={} to {}: {}", original.topic(),
                original.partition(), original.offset(), deadLetterTopic, SkipBadRecords.reason(exception));
    }

    private void counted(String topic, String source) {
        if (meters != null) {
            meters.counter(METRIC, "topic", topic, "source", source).increment();
        }
    }

    private static Throwable rootCause(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String stackTrace(Throwable exception) {
        StringWriter out = new StringWriter();
        exception.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void destroy() {
        producers.destroy();
    }

    /** Keys and values as they came: bytes unchanged, text as UTF-8, a contract record as its JSON. */
    static final class AsItCame implements Serializer<Object> {
        private final EventSerializer<Object> json = new EventSerializer<>();

        @Override
        public byte[] serialize(String topic, Object data) {
            if (data == null || data instanceof byte[]) {
                return (byte[]) data;
            }
            if (data instanceof String text) {
                return utf8(text);
            }
            return json.serialize(topic, data);
        }
    }
}
