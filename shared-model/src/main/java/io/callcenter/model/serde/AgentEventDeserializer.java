package io.callcenter.model.serde;

import io.callcenter.model.agents.AgentEvent;

/** {@link EventDeserializer} for {@link io.callcenter.model.Topics#AGENT_EVENTS}, nameable in Kafka properties. */
public class AgentEventDeserializer extends EventDeserializer<AgentEvent> {
    public AgentEventDeserializer() {
        super(AgentEvent.class);
    }
}
