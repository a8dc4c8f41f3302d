package io.callcenter.ingest.calls;

import io.callcenter.kit.kafka.DeadLetters;
import io.callcenter.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kafka Streams' handler for records call-ingest cannot deserialize or process: each is kept in a dead-letter topic
 * (Kafka 4.1, the version in use, has no dead-letter support of its own; it arrives with KIP-1034 in 4.2) and
 * processing goes on. A record from a contract topic goes to that topic's {@code <topic>-dlt}, same partition; one
 * from call-ingest's own internal topics (repartition) to {@code callcenter.call-commands.v1-dlt}, whose
 * {@code kafka_dlt-original-topic} header names the internal topic. Headers as {@link DeadLetters} writes them: the
 * original topic, partition, offset, timestamp, the exception class, message and stack trace. If the dead letter
 * cannot be written the handler answers FAIL: the stream thread stops (and is replaced) rather than lose the record.
 * The {@link DeadLetters} instance comes through the Streams configuration, under {@value #DEAD_LETTERS_CONFIG}.
 * Exactly-once note: the dead letter is written outside the Streams transaction, so a batch aborted after it may
 * dead-letter the same record again when it is reprocessed.
 */
public final class StreamsDeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
    public static final String DEAD_LETTERS_CONFIG = "callcenter.dead-letters";
    private static final Set<String> CONTRACT_TOPICS = Set.of(Topics.CALL_COMMANDS, Topics.CALL_EVENTS,
            Topics.AGENT_EVENTS);
    private static final Logger log = LoggerFactory.getLogger(StreamsDeadLetterHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(DEAD_LETTERS_CONFIG);
        if (!(configured instanceof DeadLetters kept)) {
            throw new IllegalStateException(DEAD_LETTERS_CONFIG + " must hold a DeadLetters instance, got "
                    + configured);
        }
        this.deadLetters = kept;
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        return keep(record, exception) ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>(
                context.topic() == null ? "(punctuation " + context.processorNodeId() + ")" : context.topic(),
                context.partition(), context.offset(), context.timestamp(), TimestampType.CREATE_TIME, -1, -1,
                context.sourceRawKey(), context.sourceRawValue(),
                context.headers() == null ? new RecordHeaders() : context.headers(), Optional.empty());
        return keep(source, exception) ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
    }

    private boolean keep(ConsumerRecord<byte[], byte[]> record, Exception exception) {
        boolean contract = CONTRACT_TOPICS.contains(record.topic());
        String deadLetterTopic = Topics.deadLetter(contract ? record.topic() : Topics.CALL_COMMANDS);
        try {
            deadLetters.publish(deadLetterTopic, contract ? record.partition() : null, record, exception);
            return true;
        } catch (Exception failed) {
            log.error("Could not dead-letter record topic={} partition={} offset={} ({}); failing the stream thread "
                    + "rather than skip it", record.topic(), record.partition(), record.offset(), exception, failed);
            if (failed instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }
}
