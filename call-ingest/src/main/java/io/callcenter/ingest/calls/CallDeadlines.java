package io.callcenter.ingest.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The calls the lifecycle sweep has to look at, by time, so that a sweep costs what is due rather than a scan of
 * every call kept for the retention (an hour of calls at 10 calls/s is 36,000 records read and parsed every second):
 * ringing calls by start time (ring timeout), connected calls by answer time (maximum call duration) and ended calls
 * by end time (retention). Held in memory beside one task's store and rebuilt from it when the processor is initialised (a task
 * that starts, moves or is revived after an aborted transaction is initialised again); the store stays the truth,
 * so the sweep checks every call named here against it.
 */
final class CallDeadlines {
    private final Map<String, Deadline> byCall = new HashMap<>();
    private final Map<CallStatus, NavigableSet<Deadline>> byStatus = Map.of(CallStatus.RINGING, new TreeSet<>(),
            CallStatus.CONNECTED, new TreeSet<>(), CallStatus.ENDED, new TreeSet<>());

    /** Records the call's current state: its deadline moves from one index to the other, or goes. */
    void track(CallState call) {
        forget(call.callId());
        Instant at = switch (call.status()) {
            case RINGING -> call.startedAt();
            case CONNECTED -> call.answeredAt() != null ? call.answeredAt() : call.startedAt();
            case ENDED -> call.endedAt();
        };
        Deadline deadline = new Deadline(at, call.callId(), call.status());
        byStatus.get(call.status()).add(deadline);
        byCall.put(call.callId(), deadline);
    }

    void forget(String callId) {
        Deadline old = byCall.remove(callId);
        if (old != null) {
            byStatus.get(old.status).remove(old);
        }
    }

    /** Calls ringing since {@code cutoff} or earlier, oldest first. */
    List<String> ringingSince(Instant cutoff) {
        return before(byStatus.get(CallStatus.RINGING), cutoff.plusNanos(1));
    }

    /** Calls connected since {@code cutoff} or earlier (answered then), oldest first. */
    List<String> connectedSince(Instant cutoff) {
        return before(byStatus.get(CallStatus.CONNECTED), cutoff.plusNanos(1));
    }

    /** Calls that ended strictly before {@code cutoff}, oldest first. */
    List<String> endedBefore(Instant cutoff) {
        return before(byStatus.get(CallStatus.ENDED), cutoff);
    }

    void clear() {
        byCall.clear();
        byStatus.values().forEach(NavigableSet::clear);
    }

    int size() {
        return byCall.size();
    }

    /** The calls whose time is strictly before {@code bound}, oldest first. */
    private static List<String> before(NavigableSet<Deadline> index, Instant bound) {
        NavigableSet<Deadline> due = index.headSet(new Deadline(bound, null, null), false);
        List<String> ids = new ArrayList<>(due.size());
        due.forEach(deadline -> ids.add(deadline.callId));
        return ids;
    }

    /** Ordered by time, then callId; a null callId (a search bound) sorts before every call at its time. */
    private record Deadline(Instant at, String callId, CallStatus status) implements Comparable<Deadline> {
        @Override
        public int compareTo(Deadline other) {
            int byTime = at.compareTo(other.at);
            if (byTime != 0) {
                return byTime;
            }
            if (callId == null || other.callId == null) {
                return callId == null ? (other.callId == null ? 0 : -1) : 1;
            }
            return callId.compareTo(other.callId);
        }
    }
}
