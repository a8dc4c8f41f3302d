package io.callcenter.gateway.fanout;

import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Each agent's latest status, from agent-events replayed from the beginning (every agent has a creation event). */
@Component
public class AgentStatuses {
    public static final String[] STATUSES = {"available", "busy", "away", "offline"};

    private final Map<Integer, String> statusByAgent = new ConcurrentHashMap<>();

    public void apply(AgentEvent event) {
        if (event instanceof AgentStatusChanged changed && changed.status() != null) {
            statusByAgent.put(changed.agentId(), changed.status());
        }
    }

    /** Agents per status, every one of {@link #STATUSES} present (0 when none). */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String status : STATUSES) {
            counts.put(status, 0);
        }
        statusByAgent.values().forEach(status -> counts.merge(status, 1, Integer::sum));
        return counts;
    }
}
