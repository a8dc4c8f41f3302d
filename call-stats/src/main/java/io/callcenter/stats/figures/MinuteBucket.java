package io.callcenter.stats.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one minute (store {@value CallStatsTopology#MINUTES_STORE}, key the minute's start in epoch ms). Every
 * ringing time of an answered call is kept ({@code answerWaitsMs}), so that averages and the p90 of any run of minutes
 * are exact; a minute holds as many as calls answered in it.
 */
record MinuteBucket(int offered, int answered, int abandoned, int notAnswered, int rejected,
                    int answeredWithinThreshold, List<Long> answerWaitsMs, int handled, long handleMsTotal,
                    Map<Integer, AgentMinute> agents) {

    static final MinuteBucket EMPTY = new MinuteBucket(0, 0, 0, 0, 0, 0, List.of(), 0, 0, Map.of());

    MinuteBucket {
        answerWaitsMs = answerWaitsMs == null ? List.of() : List.copyOf(answerWaitsMs);
        agents = agents == null ? Map.of() : Map.copyOf(agents);
    }

    /** One agent's handled calls in the minute. */
    record AgentMinute(int handled, long talkMs) {
    }

    /** This minute with the fact counted; an agent status change is not counted here. */
    MinuteBucket plus(CallFact fact, long thresholdMs) {
        return switch (fact.kind()) {
            case OFFERED -> new MinuteBucket(offered + 1, answered, abandoned, notAnswered, rejected,
                    answeredWithinThreshold, answerWaitsMs, handled, handleMsTotal, agents);
            case ANSWERED -> {
                List<Long> waits = new ArrayList<>(answerWaitsMs);
                waits.add(fact.waitMs());
                yield new MinuteBucket(offered, answered + 1, abandoned, notAnswered, rejected,
                        answeredWithinThreshold + (fact.waitMs() <= thresholdMs ? 1 : 0), waits, handled,
                        handleMsTotal, agents);
            }
            case ABANDONED -> new MinuteBucket(offered, answered, abandoned + 1, notAnswered, rejected,
                    answeredWithinThreshold, answerWaitsMs, handled, handleMsTotal, agents);
            case NOT_ANSWERED -> new MinuteBucket(offered, answered, abandoned, notAnswered + 1, rejected,
                    answeredWithinThreshold, answerWaitsMs, handled, handleMsTotal, agents);
            case REJECTED -> new MinuteBucket(offered, answered, abandoned, notAnswered, rejected + 1,
                    answeredWithinThreshold, answerWaitsMs, handled, handleMsTotal, agents);
            case HANDLED -> {
                Map<Integer, AgentMinute> byAgent = new TreeMap<>(agents);
                if (fact.agentId() != null) {
                    AgentMinute before = byAgent.getOrDefault(fact.agentId(), new AgentMinute(0, 0));
                    byAgent.put(fact.agentId(), new AgentMinute(before.handled() + 1,
                            before.talkMs() + fact.handleMs()));
                }
                yield new MinuteBucket(offered, answered, abandoned, notAnswered, rejected, answeredWithinThreshold,
                        answerWaitsMs, handled + 1, handleMsTotal + fact.handleMs(), byAgent);
            }
            case AGENT_STATUS -> this;
        };
    }
}
