package io.callcenter.gateway.commands;

import com.corundumstudio.socketio.AckRequest;
import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.fanout.CommandOutcomes;
import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.gateway.socket.OutboundEvent;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.CommandRejected;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The acknowledgements this instance owes: a command relayed with an ack callback waits here, under its commandId
 * (the command's eventId), until call-ingest's decision comes back on call-events naming it ({@code CallAnswered} /
 * {@code CallEnded} with {@code commandId}, {@code CommandRejected} with {@code commandId}), and is answered then with
 * the outcome. Without a decision within {@code commands.ack-timeout} (default 5 s) the ack is
 * {@code {success: false, error: {code: "timeout"}}}; the command may still be applied afterwards (it is on the
 * topic), which the client then sees as the broadcast {@code call_answered} / {@code call_ended}. Each ack is sent at
 * most once, whichever comes first.
 */
@Component
public class PendingAcks implements CommandOutcomes {
    static final String TIMEOUT = "timeout";
    private static final Logger log = LoggerFactory.getLogger(PendingAcks.class);

    private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ack-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration timeout;
    private final GatewayMetrics metrics;

    PendingAcks(GatewayProperties properties, GatewayMetrics metrics) {
        this.timeout = properties.commands().ackTimeout();
        this.metrics = metrics;
        metrics.pendingAcksGauge(pending::size);
    }

    /** Holds {@code ack} until the command's outcome, or the timeout. */
    void await(UUID commandId, String event, String callId, AckRequest ack) {
        Pending entry = new Pending(event, callId, ack);
        pending.put(commandId, entry);
        entry.timeout = timer.schedule(() -> expire(commandId), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes the ack owed for {@code commandId} away (the command failed before its outcome); null if none. */
    AckRequest take(UUID commandId) {
        Pending entry = remove(commandId);
        return entry == null ? null : entry.ack;
    }

    /** Answers the ack the event decides, if this instance holds it; call-events' other records change nothing. */
    @Override
    public void settle(CallEvent event) {
        if (pending.isEmpty()) {
            return;
        }
        if (event instanceof CallAnswered answered && answered.commandId() != null) {
            reply(answered.commandId(), "won", AckReply.answered(answered.callId(),
                    answered.payload().call().status(), answered.payload().call().agentInfo()));
        } else if (event instanceof CallEnded ended && ended.commandId() != null) {
            reply(ended.commandId(), "won", AckReply.ended(ended.callId(), ended.payload().endReason(),
                    ended.payload().duration()));
        } else if (event instanceof CommandRejected rejected && rejected.commandId() != null) {
            reply(rejected.commandId(), rejected.code(),
                    AckReply.failed(new CommandProblem(rejected.code(), rejected.message())));
        }
    }

    int size() {
        return pending.size();
    }

    private void expire(UUID commandId) {
        Pending entry = pending.remove(commandId);
        if (entry == null) {
            return;
        }
        log.info("No outcome of {} {} for call {} within {}; acking timeout", entry.event, commandId,
                entry.callId, timeout);
        metrics.command(entry.event, "ack_" + TIMEOUT);
        send(entry.ack, AckReply.failed(new CommandProblem(TIMEOUT, "no decision on " + entry.event + " for call "
                + entry.callId + " within " + timeout.toMillis() + " ms; it may still be applied: watch for "
                + "call_answered / call_ended")));
    }

    private void reply(UUID commandId, String outcome, AckReply reply) {
        Pending entry = remove(commandId);
        if (entry != null) {
            metrics.command(entry.event, "ack_" + outcome);
            send(entry.ack, reply);
        }
    }

    private Pending remove(UUID commandId) {
        Pending entry = pending.remove(commandId);
        if (entry != null && entry.timeout != null) {
            entry.timeout.cancel(false);
        }
        return entry;
    }

    static void send(AckRequest ack, AckReply reply) {
        if (ack != null && ack.isAckRequested()) {
            ack.sendAckData(OutboundEvent.rawJson(reply));
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private static final class Pending {
        final String event;
        final String callId;
        final AckRequest ack;
        volatile ScheduledFuture<?> timeout;

        Pending(String event, String callId, AckRequest ack) {
            this.event = event;
            this.callId = callId;
            this.ack = ack;
        }
    }
}
