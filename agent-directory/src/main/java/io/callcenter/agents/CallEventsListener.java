package io.callcenter.agents;

import io.callcenter.kit.observability.CallMdc;
import io.callcenter.model.Topics;
import io.callcenter.model.calls.CallAnswered;
import io.callcenter.model.calls.CallEnded;
import io.callcenter.model.calls.CallEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows calls on {@code callcenter.call-events.v2} (read_committed, group {@code agent-directory}): an answered
 * call makes its agent busy, the end of that call makes the agent available again. Applied events are remembered by
 * eventId and the rules are idempotent by state, so redelivered events change nothing; other event types do not
 * concern agents. Unreadable records are logged and
 * skipped by the service kit's error handler. The listener is observed ({@code spring.kafka.listener.observation-enabled}):
 * each record is handled in a span continuing its {@code traceparent}, with callId, agentId and traceId in the MDC.
 */
@Component
public class CallEventsListener {
    private final AgentService agents;

    public CallEventsListener(AgentService agents) {
        this.agents = agents;
    }

    @KafkaListener(topics = Topics.CALL_EVENTS_V2)
    public void on(CallEvent event) {
        if (event instanceof CallAnswered answered) {
            try (CallMdc.Scope ignored = CallMdc.call(answered.callId()).agent(answered.agentId())) {
                agents.callAnswered(answered.eventId(), answered.agentId(), answered.callId());
            }
        } else if (event instanceof CallEnded ended && ended.agentId() != null) {
            try (CallMdc.Scope ignored = CallMdc.call(ended.callId()).agent(ended.agentId())) {
                agents.callEnded(ended.eventId(), ended.agentId(), ended.callId());
            }
        }
    }
}
