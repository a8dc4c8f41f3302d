package io.callcenter.gateway.rest;

import java.util.Map;

/** {@code GET /api/call-center/status} data: this instance's own view. */
public record CallCenterStatus(int connectedClients, int joinedClients, ActiveCalls activeCalls,
                               Map<String, Integer> agents, String instanceId) {

    public record ActiveCalls(int ringing, int connected) {
    }
}
