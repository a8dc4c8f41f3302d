package io.callcenter.stats.figures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One agent's status changes over the last hour and a bit, oldest first (store
 * {@value CallStatsTopology#AGENTS_STORE}, key agentId): the latest is the agent's status now, the whole list gives
 * the time spent busy and available in any recent period.
 */
record AgentTimeline(int agentId, String agentName, List<Change> changes) {

    static final String AVAILABLE = "available";
    static final String BUSY = "busy";

    AgentTimeline {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    record Change(long at, String status) {
    }

    static AgentTimeline of(int agentId) {
        return new AgentTimeline(agentId, null, List.of());
    }

    /** With the change in its place by time (a late one too); the name is the latest known. */
    AgentTimeline with(String name, String status, long at) {
        List<Change> all = new ArrayList<>(changes);
        all.add(new Change(at, status));
        all.sort(Comparator.comparingLong(Change::at));
        return new AgentTimeline(agentId, name != null ? name : agentName, all);
    }

    /** The latest status, or null before any. */
    String status() {
        return changes.isEmpty() ? null : changes.get(changes.size() - 1).status();
    }

    /** Without the changes before {@code from} that no period from {@code from} on needs (keeps the one in force). */
    AgentTimeline trimmedTo(long from) {
        int firstNeeded = 0;
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).at() <= from) {
                firstNeeded = i;
            }
        }
        return firstNeeded == 0 ? this : new AgentTimeline(agentId, agentName,
                changes.subList(firstNeeded, changes.size()));
    }

    /**
     * Busy time / (busy + available time) within {@code [from, to)}; null when the agent was neither in it. Time
     * before the agent's first known change does not count.
     */
    Double occupancy(long from, long to) {
        long busy = 0;
        long staffed = 0;
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            long start = Math.max(change.at(), from);
            long end = Math.min(i + 1 < changes.size() ? changes.get(i + 1).at() : to, to);
            if (end <= start) {
                continue;
            }
            if (BUSY.equals(change.status())) {
                busy += end - start;
                staffed += end - start;
            } else if (AVAILABLE.equals(change.status())) {
                staffed += end - start;
            }
        }
        return staffed == 0 ? null : (double) busy / staffed;
    }
}
