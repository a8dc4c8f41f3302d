package io.callcenter.stats.figures;

/**
 * One step that the figures count, internal to the topology (its repartition topic and nothing else): a call's step
 * derived by {@link CallFactsProcessor} or an agent's status change. {@code at} is when it happened (epoch ms, from
 * the event's {@code occurredAt}).
 *
 * @param waitMs   ringing time: offered to answered ({@code ANSWERED}) or offered to ended (the unanswered ends)
 * @param handleMs answered to ended ({@code HANDLED})
 * @param agentId  the agent of an answer, a handled call or a status change
 * @param source   the call-events partition a call fact comes from (its events arrive in time order per partition),
 *                 for the watermark of {@link StatsProcessor}; null for a status change
 */
record CallFact(Kind kind, String callId, long at, Long waitMs, Long handleMs, Integer agentId, String agentName,
                String status, Integer source) {

    enum Kind {
        OFFERED, ANSWERED, HANDLED, ABANDONED, NOT_ANSWERED, REJECTED, AGENT_STATUS;

        /** A step that ends the call's ringing. */
        boolean stopsRinging() {
            return this == ANSWERED || this == ABANDONED || this == NOT_ANSWERED || this == REJECTED;
        }
    }

    static CallFact offered(String callId, long at) {
        return new CallFact(Kind.OFFERED, callId, at, null, null, null, null, null, null);
    }

    static CallFact answered(String callId, long at, long waitMs, int agentId) {
        return new CallFact(Kind.ANSWERED, callId, at, waitMs, null, agentId, null, null, null);
    }

    static CallFact handled(String callId, long at, long handleMs, Integer agentId) {
        return new CallFact(Kind.HANDLED, callId, at, null, handleMs, agentId, null, null, null);
    }

    static CallFact unanswered(Kind kind, String callId, long at, long waitMs) {
        return new CallFact(kind, callId, at, waitMs, null, null, null, null, null);
    }

    static CallFact agentStatus(int agentId, String agentName, String status, long at) {
        return new CallFact(Kind.AGENT_STATUS, null, at, null, null, agentId, agentName, status, null);
    }

    CallFact from(Integer partition) {
        return new CallFact(kind, callId, at, waitMs, handleMs, agentId, agentName, status, partition);
    }
}
