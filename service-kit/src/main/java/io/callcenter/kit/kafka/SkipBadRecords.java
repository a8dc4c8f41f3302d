package io.callcenter.kit.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * The last resort for a record a consumer cannot handle: one clear log line naming topic, partition, offset and the
 * reason, then the record is skipped and consumption goes on. Never a stuck consumer.
 */
public class SkipBadRecords implements ConsumerRecordRecoverer {
    private static final Logger log = LoggerFactory.getLogger(SkipBadRecords.class);

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        log.error("Skipping record topic={} partition={} offset={} key={}: {}", record.topic(), record.partition(),
                record.offset(), record.key(), reason(exception));
    }

    static String reason(Throwable exception) {
        Throwable cause = exception;
        while (cause != null) {
            if (cause instanceof DeserializationException deserialization) {
                Throwable inner = deserialization.getCause();
                return "unreadable value: " + (inner != null ? inner.getMessage() : deserialization.getMessage());
            }
            if (cause.getCause() == null || cause.getCause() == cause) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
            cause = cause.getCause();
        }
        return "unknown";
    }
}
