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
 * ringing calls by start time (ring timeout) and ended calls by end time (retention). Connected calls have no
 * deadline. Held in memory beside one task's store and rebuilt from it when the processor is initialised (a task
 * that starts, moves or is revived after an aborted transaction is initialised again); the store stays the truth,
 * so the sweep checks every call named here against it.
 */
final class CallDeadlines {
    private final Map<String, Deadline> byCall = new HashMap<>();
    private final NavigableSet<Deadline> ringing = new TreeSet<>();
    private final NavigableSet<Deadline> ended = new TreeSet<>();

    /** Records the call's current state: its deadline moves from one index to the other, or goes. */
    void track(CallState call) {
        forget(call.callId());
        switch (call.status()) {
            case RINGING -> add(ringing, new Deadline(call.startedAt(), call.callId(), true));
            case ENDED -> add(ended, new Deadline(call.endedAt(), call.callId(), false));
            case CONNECTED -> {
                // no deadline: it ends when someone ends it
            }
        }
    }

    void forget(String callId) {
        Deadline old = byCall.remove(callId);
        if (old != null) {
            (old.ringing ? ringing : ended).remove(old);
        }
    }

    /** Calls ringing since {@code cutoff} or earlier, oldest first. */
    List<String> ringingSince(Instant cutoff) {
        return before(ringing, cutoff.plusNanos(1));
    }

    /** Calls that ended strictly before {@code cutoff}, oldest first. */
    List<String> endedBefore(Instant cutoff) {
        return before(ended, cutoff);
    }

    void clear() {
        byCall.clear();
        ringing.clear();
        ended.clear();
    }

    int size() {
        return byCall.size();
    }

    private void add(NavigableSet<Deadline> index, Deadline deadline) {
        index.add(deadline);
        byCall.put(deadline.callId, deadline);
    }

    /** The calls whose time is strictly before {@code bound}, oldest first. */
    private static List<String> before(NavigableSet<Deadline> index, Instant bound) {
        NavigableSet<Deadline> due = index.headSet(new Deadline(bound, null, false), false);
        List<String> ids = new ArrayList<>(due.size());
        due.forEach(deadline -> ids.add(deadline.callId));
        return ids;
    }

    /** Ordered by time, then callId; a null callId (a search bound) sorts before every call at its time. */
    private record Deadline(Instant at, String callId, boolean ringing) implements Comparable<Deadline> {
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
