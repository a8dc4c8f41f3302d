package io.callcenter.agents;

import io.callcenter.model.Topics;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows calls on {@code callcenter.call-events.v1} (read_committed, group {@code agent-directory}): an answered
 * call makes its agent busy, the end of that call makes the agent available again. Applied events are remembered by
 * eventId and the rules are idempotent by state, so redelivered events change nothing; other event types do not
 * concern agents. Unreadable records are logged and
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
            agents.callAnswered(answered.eventId(), answered.agentId(), answered.callId());
        } else if (event instanceof CallEnded ended && ended.agentId() != null) {
            agents.callEnded(ended.eventId(), ended.agentId(), ended.callId());
        }
    }
}
