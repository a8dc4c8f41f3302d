package io.callcenter.agents;

import io.callcenter.model.Topics;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows calls on {@code callcenter.call-events.v1} (read_committed, group {@code agent-directory}): an answered
 * call makes its agent busy, the end of that call makes the agent available again. Both are idempotent by state, so
 * a redelivered event changes nothing; other event types do not concern agents. Unreadable records are logged and
 * skipped by the service kit's error handler.
 */
@Component
public class CallEventsListener {
    private final AgentService agents;

    public CallEventsListener(AgentService agents) {
        this.agents = agents;
    }

    @KafkaListener(topics = Topics.CALL_EVENTS)
    public void on(CallEvent event) {
        if (event instanceof CallAnswered answered) {
            agents.callAnswered(answered.agentId(), answered.callId());
        } else if (event instanceof CallEnded ended && ended.agentId() != null) {
            agents.callEnded(ended.agentId(), ended.callId());
        }
    }
}
