package io.callcenter.stats.figures;

/**
 * What {@link CallFactsProcessor} knows of one call (store {@value CallStatsTopology#CALL_FACTS_STORE}, key callId):
 * epoch ms of each step, null until it happened.
 */
record CallRecord(long offeredAt, Long answeredAt, Integer agentId, Long endedAt) {

    static CallRecord offered(long at) {
        return new CallRecord(at, null, null, null);
    }

    CallRecord answered(long at, int agent) {
        return new CallRecord(offeredAt, at, agent, null);
    }

    CallRecord ended(long at) {
        return new CallRecord(offeredAt, answeredAt, agentId, at);
    }
}
