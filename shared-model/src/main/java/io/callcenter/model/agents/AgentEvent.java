package io.callcenter.model.agents;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.callcenter.model.ContractRecord;

/** What happens to agents, on {@link io.callcenter.model.Topics#AGENT_EVENTS}, keyed by the agent id as a string. */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(AgentStatusChanged.class)})
public sealed interface AgentEvent extends ContractRecord permits AgentStatusChanged {

    int agentId();
}
