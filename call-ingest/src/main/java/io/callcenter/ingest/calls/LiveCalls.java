package io.callcenter.ingest.calls;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ringing and connected calls of the lifecycle tasks this instance runs, so that
 * {@code GET /api/v1/calls?status=ringing|connected} reads those calls rather than every call kept for the retention.
 * {@link CallLifecycleProcessor} updates it as it saves a call (before the transaction commits, as it writes the
 * store), fills it from its task's store when it starts and takes its task's calls out when it closes. The store
 * stays the truth: a listing reads each call named here from the store and keeps those whose stored status matches.
 */
@Component
public class LiveCalls {
    private final Map<String, CallStatus> statuses = new ConcurrentHashMap<>();

    /** Follows the call's current status: ended calls leave. */
    void update(CallState call) {
        if (call.status() == CallStatus.ENDED) {
            statuses.remove(call.callId());
        } else {
            statuses.put(call.callId(), call.status());
        }
    }

    void remove(String callId) {
        statuses.remove(callId);
    }

    List<String> withStatus(CallStatus status) {
        return statuses.entrySet().stream().filter(e -> e.getValue() == status).map(Map.Entry::getKey).toList();
    }
}
