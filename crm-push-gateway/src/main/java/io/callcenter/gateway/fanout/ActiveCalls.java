package io.callcenter.gateway.fanout;

import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * This instance's view of the calls that are ringing (with the payload a joining CRM is sent, oldest first) and
 * connected, built from call-events: ringing on {@link IncomingCall}, connected on {@link CallAnswered}, gone on
 * {@link CallEnded}.
 */
@Component
public class ActiveCalls {
    private final Map<String, IncomingCallToCrm> ringing = new LinkedHashMap<>();
    private final Set<String> connected = new HashSet<>();

    public synchronized void apply(CallEvent event) {
        if (event instanceof IncomingCall incoming) {
            if (!connected.contains(incoming.callId())) {
                ringing.putIfAbsent(incoming.callId(), incoming.payload());
            }
        } else if (event instanceof CallAnswered answered) {
            ringing.remove(answered.callId());
            connected.add(answered.callId());
        } else if (event instanceof CallEnded ended) {
            ringing.remove(ended.callId());
            connected.remove(ended.callId());
        }
    }

    public synchronized List<IncomingCallToCrm> ringing() {
        return List.copyOf(ringing.values());
    }

    public synchronized int ringingCount() {
        return ringing.size();
    }

    public synchronized int connectedCount() {
        return connected.size();
    }
}
