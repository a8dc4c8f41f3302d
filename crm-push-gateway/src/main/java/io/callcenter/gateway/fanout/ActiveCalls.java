package io.callcenter.gateway.fanout;

import io.callcenter.model.crm.CrmTime;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.gateway.socket.OutboundEvent;
import io.callcenter.kit.observability.KafkaTracing;
import io.callcenter.model.crm.CallAnsweredToCrm;
import io.callcenter.model.crm.CallEndedToCrm;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This instance's view of the calls that are ringing (with the payload a joining CRM is sent, oldest first) and
 * connected, built from call-events: ringing on {@link IncomingCall}, connected on {@link CallAnswered}, gone on
 * {@link CallEnded}.
 * <p>
 * It also keeps, for every call answered or ended within {@code recovery-window} (by the event's {@code occurredAt}),
 * that call's latest final event: a joining CRM is told these before the ringing calls, so a CRM that was
 * disconnected (a gateway killed, restarted or redeployed) drops the popups of calls that stopped ringing meanwhile.
 * Only the latest per call (a call answered then ended is sent as ended only), oldest first. Rebuilt at start from
 * the call-events replay like the rest of the view, so a restarted gateway knows the calls that ended while it was
 * down (the recovery window is never longer than the replay window). Each final is encoded once, at the first join
 * that needs it, and the same bytes go to every joining client (released when the final leaves the window).
 */
@Component
public class ActiveCalls implements DisposableBean {
    private final Map<String, IncomingCallToCrm> ringing = new LinkedHashMap<>();
    /** Connected calls and the agent on each. */
    private final Map<String, Integer> connected = new HashMap<>();
    /** Latest {@link CallAnswered} or {@link CallEnded} per call, in the order they were applied. */
    private final LinkedHashMap<String, Final> recentFinals = new LinkedHashMap<>();
    private final GatewayMetrics metrics;
    /**
     * The {@code traceparent} each live call rang with (while ringing or connected), so the CRMs' commands on it
     * continue the call's trace ({@link #traceOf}).
     */
    private final Map<String, String> traces = new HashMap<>();
    private final KafkaTracing tracing;
    private final Duration recoveryWindow;
    private final Clock clock;
    /**
     * Packets a join may queue for a client still on long-polling (the guide's class joins on {@code connect}, before
     * its upgrade to websocket): half of {@code slow-client.max-polling-queue}, beyond which the client would be cut
     * off as slow in the middle of its own join.
     */
    private final int pollingJoinBudget;

    /** A final event and, once a join needed it, its encoded {@code call_answered} / {@code call_ended}. */
    private static final class Final {
        final CallEvent event;
        OutboundEvent encoded;

        Final(CallEvent event) {
            this.event = event;
        }

        OutboundEvent encoded(GatewayMetrics metrics) {
            if (encoded == null) {
                encoded = event instanceof CallAnswered answered
                        ? OutboundEvent.encode(CallAnsweredToCrm.EVENT, answered.payload(), metrics)
                        : OutboundEvent.encode(CallEndedToCrm.EVENT, ((CallEnded) event).payload(), metrics);
            }
            return encoded;
        }

        void release() {
            if (encoded != null) {
                encoded.close();
                encoded = null;
            }
        }
    }

    public ActiveCalls(GatewayProperties properties, GatewayMetrics metrics, KafkaTracing tracing) {
        this.metrics = metrics;
        this.tracing = tracing;
        this.recoveryWindow = properties.recoveryWindow();
        this.clock = Clock.systemUTC();
        this.pollingJoinBudget = properties.slowClient().maxPollingQueue() / 2;
    }

    /**
     * What a join sends after {@code joined_call_center}: {@code finals} ({@link #recentFinals()}), then
     * {@code ringing}. For a client on long-polling the finals are cut to the most recent ones that keep the join
     * within half of the polling queue cap ({@code leftOut} says how many were not sent).
     */
    public record JoinSnapshot(List<CallEvent> finals, List<OutboundEvent> encodedFinals,
                               List<IncomingCallToCrm> ringing, int leftOut) {
    }

    /**
     * The encoded finals stay this instance's: valid while the caller holds the lock under which events are applied
     * (the dispatcher's), to be sent, never closed, by the caller.
     */
    public synchronized JoinSnapshot joinSnapshot(boolean polling) {
        List<Final> finals = current();
        List<IncomingCallToCrm> ringingNow = ringing();
        int room = polling ? Math.max(0, pollingJoinBudget - ringingNow.size() - 1) : Integer.MAX_VALUE;
        int leftOut = Math.max(0, finals.size() - room);
        List<Final> sent = finals.subList(leftOut, finals.size());
        List<CallEvent> events = new ArrayList<>(sent.size());
        List<OutboundEvent> encoded = new ArrayList<>(sent.size());
        for (Final last : sent) {
            events.add(last.event);
            encoded.add(last.encoded(metrics));
        }
        return new JoinSnapshot(events, encoded, ringingNow, leftOut);
    }

    /**
     * As {@link #apply}, for an event delivered live (not replayed): an answer also counts in the time-to-answer
     * histogram, from the ringing call's start time.
     */
    public synchronized void applyLive(CallEvent event) {
        if (event instanceof IncomingCall incoming && !connected.containsKey(incoming.callId())
                && !recentFinals.containsKey(incoming.callId())) {
            String traceparent = tracing.currentTraceparent();
            if (traceparent != null) {
                traces.put(incoming.callId(), traceparent);
            }
        } else if (event instanceof CallAnswered answered) {
            IncomingCallToCrm rang = ringing.get(answered.callId());
            if (rang != null && rang.startTime() != null) {
                metrics.answered(CrmTime.parse(rang.startTime()), answered.occurredAt());
            }
        }
        apply(event);
    }

    public synchronized void apply(CallEvent event) {
        if (event instanceof IncomingCall incoming) {
            if (!connected.containsKey(incoming.callId()) && !recentFinals.containsKey(incoming.callId())) {
                ringing.putIfAbsent(incoming.callId(), incoming.payload());
            }
        } else if (event instanceof CallAnswered answered) {
            ringing.remove(answered.callId());
            connected.put(answered.callId(), answered.agentId());
            recordFinal(answered);
        } else if (event instanceof CallEnded ended) {
            ringing.remove(ended.callId());
            connected.remove(ended.callId());
            traces.remove(ended.callId());
            recordFinal(ended);
        }
    }

    /** The trace a live call rang in (its {@code IncomingCall}'s), or null. */
    public synchronized String traceOf(String callId) {
        return traces.get(callId);
    }

    public synchronized List<IncomingCallToCrm> ringing() {
        return List.copyOf(ringing.values());
    }

    /** The agent a call is connected to, or null when this instance does not know it as connected. */
    public synchronized Integer agentOf(String callId) {
        return connected.get(callId);
    }

    /**
     * The latest final event ({@link CallAnswered} or {@link CallEnded}) of every call answered or ended within the
     * recovery window, oldest first: what a joining CRM is told before the ringing calls.
     */
    public synchronized List<CallEvent> recentFinals() {
        return current().stream().map(last -> last.event).toList();
    }

    private List<Final> current() {
        Instant cutoff = expireFinals();
        List<Final> finals = new ArrayList<>(recentFinals.size());
        for (Final last : recentFinals.values()) {
            if (!last.event.occurredAt().isBefore(cutoff)) {
                finals.add(last);
            }
        }
        return finals;
    }

    private void recordFinal(CallEvent event) {
        Final previous = recentFinals.remove(event.callId()); // re-inserted at the end: in the order of the latest
        if (previous != null) {
            previous.release();
        }
        if (recoveryWindow.isZero()) {
            return;
        }
        Instant cutoff = expireFinals();
        if (!event.occurredAt().isBefore(cutoff)) {
            recentFinals.put(event.callId(), new Final(event));
        }
    }

    /**
     * Drops the finals older than the window from the head (applied in topic order, which across partitions is only
     * roughly time order: {@link #recentFinals()} filters again). Returns the cut-off.
     */
    private Instant expireFinals() {
        Instant cutoff = clock.instant().minus(recoveryWindow);
        Iterator<Final> oldestFirst = recentFinals.values().iterator();
        while (oldestFirst.hasNext()) {
            Final oldest = oldestFirst.next();
            if (!oldest.event.occurredAt().isBefore(cutoff)) {
                break;
            }
            oldest.release();
            oldestFirst.remove();
        }
        return cutoff;
    }

    /** Releases the encoded finals (their bytes are pooled buffers). */
    @Override
    public synchronized void destroy() {
        recentFinals.values().forEach(Final::release);
        recentFinals.clear();
    }

    public synchronized int ringingCount() {
        return ringing.size();
    }

    public synchronized int connectedCount() {
        return connected.size();
    }
}
