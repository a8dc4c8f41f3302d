package io.callcenter.ingest.agents;

import io.callcenter.ingest.streams.StreamsStores;
import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The latest {@link AgentStatusChanged} of every agent, as Kafka Streams materialises {@link Topics#AGENT_EVENTS}
 * into the global store {@value #STORE} (agent-directory publishes one event per agent at creation and one per
 * change, so the topic replayed from the start is the full current picture). The lifecycle processor reads the same
 * store to validate answers; this view serves readiness checks and diagnostics.
 */
@Component
public class AgentView {
    public static final String STORE = "agents";

    private final StreamsStores stores;

    AgentView(StreamsStores stores) {
        this.stores = stores;
    }

    public Optional<AgentStatusChanged> find(int agentId) {
        AgentEvent event = stores.get(STORE, Topics.agentKey(agentId));
        return event instanceof AgentStatusChanged changed ? Optional.of(changed) : Optional.empty();
    }
}
