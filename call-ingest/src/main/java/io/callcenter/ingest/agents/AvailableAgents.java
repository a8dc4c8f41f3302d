package io.callcenter.ingest.agents;

import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.crm.AgentInfo;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The available agents, longest idle first: agent-directory's routing order ({@code status = 'available' ORDER BY
 * status_changed_at, id}), kept in memory from the same {@link AgentStatusChanged} events that fill the
 * {@value AgentView#STORE} store (their {@code occurredAt} is the agent's {@code status_changed_at}). A new call's
 * suggested agent is read here, in microseconds and without a request to agent-directory, so a call rings as fast
 * with agent-directory slow or down, and the suggestion comes from the same view that validates answers.
 * <p>
 * One writer (the global stream thread, through {@link AgentEventsProcessor}, which also replays the whole topic on
 * every start), any number of readers; a reader racing an update may miss the agent that is being moved, which only
 * changes a suggestion.
 */
@Component
public class AvailableAgents {
    private static final Comparator<Available> LONGEST_IDLE_FIRST = Comparator.comparing(Available::since)
            .thenComparingInt(Available::agentId);

    static final String AVAILABLE = "available";

    private final NavigableSet<Available> longestIdleFirst = new ConcurrentSkipListSet<>(LONGEST_IDLE_FIRST);
    private final Map<Integer, Available> byAgent = new ConcurrentHashMap<>();

    /** The longest-idle available agent, or null when nobody is available. */
    public AgentInfo longestIdle() {
        Iterator<Available> first = longestIdleFirst.iterator();
        return first.hasNext() ? first.next().agent() : null;
    }

    /** Whether that agent is listed as available. */
    public boolean isAvailable(int agentId) {
        return byAgent.containsKey(agentId);
    }

    /** How many agents are available now. */
    public int count() {
        return byAgent.size();
    }

    /** Applies an agent's latest event: listed if it is available, unlisted otherwise. */
    void apply(AgentEvent event) {
        if (event instanceof AgentStatusChanged changed) {
            unlist(changed.agentId());
            if (AVAILABLE.equals(changed.status())) {
                Instant since = changed.occurredAt() != null ? changed.occurredAt() : Instant.EPOCH;
                Available available = new Available(since, changed.agentId(), new AgentInfo(changed.agentId(),
                        changed.userId(), changed.agentName(), changed.status()));
                byAgent.put(changed.agentId(), available);
                longestIdleFirst.add(available);
            }
        }
    }

    /** The agent is gone from the topic (a tombstone). */
    void unlist(int agentId) {
        Available previous = byAgent.remove(agentId);
        if (previous != null) {
            longestIdleFirst.remove(previous);
        }
    }

    private record Available(Instant since, int agentId, AgentInfo agent) {
    }
}
