package io.callcenter.ingest.calls;

import io.callcenter.model.Topics;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.serde.TimingHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts the VoiceBot's commands on {@link Topics#CALL_COMMANDS}, keyed by callId, and waits until the broker has
 * acknowledged them (acks=all, idempotent producer: see {@code spring.kafka.producer} in application.yml).
 * A {@code StartCall} carries {@link TimingHeaders} (request received, handed to the producer), and the time of its
 * two steps is recorded in {@code callcenter.ingest.hop{hop=lookups|produce}}.
 */
@Component
class CallCommandPublisher {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, CallCommand> template;
    private final Timer lookups;
    private final Timer produce;

    CallCommandPublisher(KafkaTemplate<String, CallCommand> template, ObjectProvider<MeterRegistry> meters) {
        this.template = template;
        MeterRegistry registry = meters.getIfAvailable();
        this.lookups = registry == null ? null : IngestHops.timer(registry, "lookups",
                "POST received until its StartCall is handed to the producer (lookups, validation)");
        this.produce = registry == null ? null : IngestHops.timer(registry, "produce",
                "StartCall/EndCall handed to the producer until the broker acknowledged it (acks=all)");
    }

    void publish(CallCommand command) {
        publish(command, -1);
    }

    /** {@code receivedMicros}: when the request that made the command arrived (-1: not stamped). */
    void publish(CallCommand command, long receivedMicros) {
        ProducerRecord<String, CallCommand> record = new ProducerRecord<>(Topics.CALL_COMMANDS, command.callId(),
                command);
        long sentMicros = TimingHeaders.nowMicros();
        if (receivedMicros >= 0) {
            TimingHeaders.stamp(record.headers(), TimingHeaders.RECEIVED, receivedMicros);
            TimingHeaders.stamp(record.headers(), TimingHeaders.SENT, sentMicros);
            IngestHops.record(lookups, sentMicros - receivedMicros);
        }
        try {
            template.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            IngestHops.record(produce, TimingHeaders.nowMicros() - sentMicros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandNotSentException(command, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new CommandNotSentException(command, e);
        }
    }

    /** The broker did not acknowledge a command in time; nothing may be assumed about the call. */
    static final class CommandNotSentException extends RuntimeException {
        CommandNotSentException(CallCommand command, Throwable cause) {
            super("could not publish " + command.getClass().getSimpleName() + " for call " + command.callId(), cause);
        }
    }
}
