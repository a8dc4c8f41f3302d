package io.callcenter.gateway.fanout;

import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This instance's view of the calls that are ringing (with the payload a joining CRM is sent, oldest first) and
 * connected, built from call-events: ringing on {@link IncomingCall}, connected on {@link CallAnswered}, gone on
 * {@link CallEnded}.
 */
@Component
public class ActiveCalls {
    private final Map<String, IncomingCallToCrm> ringing = new LinkedHashMap<>();
    /** Connected calls and the agent on each. */
    private final Map<String, Integer> connected = new HashMap<>();

    public synchronized void apply(CallEvent event) {
        if (event instanceof IncomingCall incoming) {
            if (!connected.containsKey(incoming.callId())) {
                ringing.putIfAbsent(incoming.callId(), incoming.payload());
            }
        } else if (event instanceof CallAnswered answered) {
            ringing.remove(answered.callId());
            connected.put(answered.callId(), answered.agentId());
        } else if (event instanceof CallEnded ended) {
            ringing.remove(ended.callId());
            connected.remove(ended.callId());
        }
    }

    public synchronized List<IncomingCallToCrm> ringing() {
        return List.copyOf(ringing.values());
    }

    /** The agent a call is connected to, or null when this instance does not know it as connected. */
    public synchronized Integer agentOf(String callId) {
        return connected.get(callId);
    }

    public synchronized int ringingCount() {
        return ringing.size();
    }

    public synchronized int connectedCount() {
        return connected.size();
    }
}
