package io.callcenter.gateway.fanout;

import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.gateway.GatewayProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * down (the recovery window is never longer than the replay window).
 */
@Component
public class ActiveCalls {
    private final Map<String, IncomingCallToCrm> ringing = new LinkedHashMap<>();
    private final Set<String> connected = new HashSet<>();
    /** Latest {@link CallAnswered} or {@link CallEnded} per call, in the order they were applied. */
    private final LinkedHashMap<String, CallEvent> recentFinals = new LinkedHashMap<>();
    private final Duration recoveryWindow;
    private final Clock clock;

    public ActiveCalls(GatewayProperties properties) {
        this.recoveryWindow = properties.recoveryWindow();
        this.clock = Clock.systemUTC();
    }

    public synchronized void apply(CallEvent event) {
        if (event instanceof IncomingCall incoming) {
            if (!connected.contains(incoming.callId()) && !recentFinals.containsKey(incoming.callId())) {
                ringing.putIfAbsent(incoming.callId(), incoming.payload());
            }
        } else if (event instanceof CallAnswered answered) {
            ringing.remove(answered.callId());
            connected.add(answered.callId());
            recordFinal(answered);
        } else if (event instanceof CallEnded ended) {
            ringing.remove(ended.callId());
            connected.remove(ended.callId());
            recordFinal(ended);
        }
    }

    public synchronized List<IncomingCallToCrm> ringing() {
        return List.copyOf(ringing.values());
    }

    /**
     * The latest final event ({@link CallAnswered} or {@link CallEnded}) of every call answered or ended within the
     * recovery window, oldest first: what a joining CRM is told before the ringing calls.
     */
    public synchronized List<CallEvent> recentFinals() {
        Instant cutoff = expireFinals();
        List<CallEvent> finals = new ArrayList<>(recentFinals.size());
        for (CallEvent event : recentFinals.values()) {
            if (!event.occurredAt().isBefore(cutoff)) {
                finals.add(event);
            }
        }
        return finals;
    }

    public synchronized int recentFinalsCount() {
        expireFinals();
        return recentFinals.size();
    }

    private void recordFinal(CallEvent event) {
        recentFinals.remove(event.callId()); // re-inserted at the end: the order is that of the latest final
        if (recoveryWindow.isZero()) {
            return;
        }
        Instant cutoff = expireFinals();
        if (!event.occurredAt().isBefore(cutoff)) {
            recentFinals.put(event.callId(), event);
        }
    }

    /**
     * Drops the finals older than the window from the head (applied in topic order, which across partitions is only
     * roughly time order: {@link #recentFinals()} filters again). Returns the cut-off.
     */
    private Instant expireFinals() {
        Instant cutoff = clock.instant().minus(recoveryWindow);
        Iterator<CallEvent> oldestFirst = recentFinals.values().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().occurredAt().isBefore(cutoff)) {
            oldestFirst.remove();
        }
        return cutoff;
    }

    public synchronized int ringingCount() {
        return ringing.size();
    }

    public synchronized int connectedCount() {
        return connected.size();
    }
}
