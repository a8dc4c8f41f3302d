package io.callcenter.ingest.calls;

import io.callcenter.model.Topics;
import io.callcenter.model.commands.CallCommand;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts the VoiceBot's commands on {@link Topics#CALL_COMMANDS}, keyed by callId, and waits until the broker has
 * acknowledged them (acks=all, idempotent producer: see {@code spring.kafka.producer} in application.yml).
 */
@Component
class CallCommandPublisher {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, CallCommand> template;

    CallCommandPublisher(KafkaTemplate<String, CallCommand> template) {
        this.template = template;
    }

    void publish(CallCommand command) {
        try {
            template.send(Topics.CALL_COMMANDS, command.callId(), command)
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
