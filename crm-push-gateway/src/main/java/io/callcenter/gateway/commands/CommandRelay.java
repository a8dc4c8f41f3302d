package io.callcenter.gateway.commands;

import com.corundumstudio.socketio.AckRequest;
import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.fanout.ActiveCalls;
import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.gateway.socket.ClientState;
import io.callcenter.gateway.socket.EventSender;
import io.callcenter.gateway.socket.OutboundEvent;
import io.callcenter.kit.observability.KafkaTracing;
import io.callcenter.kit.observability.TraceHeaders;
import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.crm.AnswerCallRequest;
import io.callcenter.model.crm.CrmError;
import io.callcenter.model.crm.EndCallRequest;
import io.callcenter.model.crm.JoinCallCenter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Relays {@code answer_call} and {@code end_call} onto call-commands (key callId, acks=all), with
 * {@code requestedBy = (this instance, the socket id)} so that a rejection finds its way back. In order: the socket
 * must have joined, must be within its rate limit, the payload must be valid and the socket's token must allow the
 * command ({@link CommandPermissions}); otherwise the socket alone gets an
 * {@code error} event {@code {code, message, event, callId}} and, if it passed an ack callback,
 * {@code {success: false, error}}; nothing is published. A valid command's ack waits in {@link PendingAcks} for
 * call-ingest's decision (the winner gets {@code {success: true, call}}, a loser {@code {success: false, error}},
 * no decision in time {@code timeout}); one the broker does not take gets {@code publish_failed} at once. The send
 * runs on
 * netty-socketio's thread and blocks it while the producer has no metadata for the topic, so the producer's
 * {@code max.block.ms} is kept short (application.yml).
 */
@Component
public class CommandRelay {
    private static final Logger log = LoggerFactory.getLogger(CommandRelay.class);

    private final KafkaTemplate<String, CallCommand> kafka;
    private final PendingAcks pendingAcks;
    private final EventSender sender;
    private final GatewayMetrics metrics;
    private final String instanceId;
    private final int rateLimit;
    private final CommandPermissions permissions;
    private final ActiveCalls calls;
    private final KafkaTracing tracing;

    public CommandRelay(KafkaTemplate<String, CallCommand> kafka, PendingAcks pendingAcks, EventSender sender,
                        GatewayMetrics metrics, GatewayProperties properties, ActiveCalls calls,
                        KafkaTracing tracing) {
        this.kafka = kafka;
        this.calls = calls;
        this.tracing = tracing;
        this.pendingAcks = pendingAcks;
        this.sender = sender;
        this.metrics = metrics;
        this.instanceId = properties.instanceId();
        this.rateLimit = properties.commands().rateLimitPerSecond();
        this.permissions = new CommandPermissions(calls, Clock.systemUTC());
    }

    public void answerCall(ClientState client, Object payload, AckRequest ack) {
        relay(AnswerCallRequest.EVENT, client, payload, ack, CommandValidator::answerCall);
    }

    public void endCall(ClientState client, Object payload, AckRequest ack) {
        relay(EndCallRequest.EVENT, client, payload, ack, CommandValidator::endCall);
    }

    private void relay(String event, ClientState client, Object payload, AckRequest ack,
                       BiFunction<Object, RequestedBy, CommandValidator.Result> validate) {
        String callId = CommandValidator.callIdOf(payload);
        if (!client.joined()) {
            refuse(client, event, callId, ack, new CommandProblem(CommandProblem.NOT_JOINED,
                    "emit join_call_center before " + event));
            return;
        }
        if (!withinRateLimit(client, event, callId, ack)) {
            return;
        }
        CommandValidator.Result result = validate.apply(payload, new RequestedBy(instanceId, client.socketId()));
        if (result.problem() != null) {
            refuse(client, event, callId, ack, result.problem());
            return;
        }
        CallCommand command = result.command();
        CommandProblem forbidden = permissions.check(client.identity(), command);
        if (forbidden != null) {
            log.info("Refused {} for call {} from socket {} ({}): {}", event, command.callId(), client.socketId(),
                    client.identity().describe(), forbidden.code());
            refuse(client, event, command.callId(), ack, forbidden);
            return;
        }
        if (ack != null && ack.isAckRequested()) {
            pendingAcks.await(command.eventId(), event, command.callId(), ack); // before the outcome can come back
        }
        // in the call's trace (the one it rang in), so the answer and its outcome join the call's other spans
        tracing.inTrace(calls.traceOf(command.callId()), "crm " + event, () -> publish(command))
                .whenComplete((sent, failure) -> {
                    if (failure == null) {
                        metrics.command(event, "published");
                    } else {
                        log.error("Could not publish {} for call {} from socket {}", event, command.callId(),
                                client.socketId(), failure);
                        refuse(client, event, command.callId(), pendingAcks.take(command.eventId()),
                                new CommandProblem(CommandProblem.PUBLISH_FAILED,
                                        event + " could not be sent to the call system; try again"));
                    }
                });
    }

    /**
     * Takes a token from the socket's bucket, which commands and joins share (a join resends every ringing call, so a
     * client looping on it costs as much as one looping on commands); when it is empty, refuses the event with
     * {@code rate_limited} and returns false. A rate limit of 0 never refuses.
     */
    boolean withinRateLimit(ClientState client, String event, String callId, AckRequest ack) {
        if (client.rateLimiter().tryAcquire()) {
            return true;
        }
        refuse(client, event, callId, ack, new CommandProblem(CommandProblem.RATE_LIMITED, "more than " + rateLimit
                + " joins and commands per second from this socket; " + event + " was not served"));
        return false;
    }

    /**
     * Sends the command; a failure the producer reports at once comes back as a failed future too. KafkaTemplate
     * throws instead of returning a failed future when the producer fails immediately (no topic metadata within
     * {@code max.block.ms} while the broker is down, a full buffer), and that exception would otherwise escape into
     * netty-socketio, leaving the client with neither an ack nor an {@code error}. The record carries the
     * {@code traceparent} of the current span (the call's trace, see {@link #relay}); the template is not observed.
     */
    private CompletableFuture<?> publish(CallCommand command) {
        try {
            ProducerRecord<String, CallCommand> record = new ProducerRecord<>(Topics.CALL_COMMANDS, command.callId(),
                    command);
            String traceparent = tracing.currentTraceparent(); // the call's, inside relay's inTrace
            if (traceparent != null) {
                record.headers().add(TraceHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
            }
            return kafka.send(record);
        } catch (RuntimeException immediate) {
            return CompletableFuture.failedFuture(immediate);
        }
    }

    /** Refuses a client event: the {@code error} event to this socket only, and the ack if one was requested. */
    void refuse(ClientState client, String event, String callId, AckRequest ack, CommandProblem problem) {
        boolean known = event.equals(AnswerCallRequest.EVENT) || event.equals(EndCallRequest.EVENT)
                || event.equals(JoinCallCenter.EVENT);
        metrics.command(known ? event : "unknown", problem.code());
        try (OutboundEvent error = OutboundEvent.encode(CrmError.EVENT,
                new CrmError(problem.code(), problem.message(), event, callId))) {
            sender.send(client, error);
        }
        PendingAcks.send(ack, AckReply.failed(problem));
    }
}
