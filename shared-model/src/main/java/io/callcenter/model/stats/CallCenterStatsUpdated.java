package io.callcenter.model.stats;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The contact centre's live figures changed: a full snapshot, published at most once per
 * {@code callcenter.stats.publish-interval} (1 s) while anything changes. {@code occurredAt} is the moment the figures
 * are for ("now"). Calls are counted by their events' {@code occurredAt}: a call is <em>offered</em> in the minute its
 * {@code IncomingCall} occurred, <em>answered</em> in the minute of its {@code CallAnswered}, <em>handled</em> (with its
 * handle time) and <em>abandoned / not answered / rejected</em> in the minute of its {@code CallEnded}.
 *
 * @param scope                        what the figures cover: {@value #SCOPE_CALL_CENTER}
 * @param serviceLevelThresholdSeconds the service-level threshold the figures use
 * @param now                          what is true at {@code occurredAt}
 * @param last15Minutes                the current minute and the 14 before it
 * @param lastHour                     the current minute and the 59 before it
 * @param minutes                      the same figures per minute, oldest first, the last 60 minutes (the current
 *                                     one included, so its figures still grow)
 * @param agents                       every known agent, by agentId
 */
public record CallCenterStatsUpdated(UUID eventId, Instant occurredAt, int schemaVersion, String scope,
                                     int serviceLevelThresholdSeconds, Now now, CallFigures last15Minutes,
                                     CallFigures lastHour, List<CallFigures> minutes, List<AgentFigures> agents)
        implements CallStatsEvent {

    public static final String SCOPE_CALL_CENTER = "call-center";

    /**
     * @param ringing                the calls ringing now
     * @param longestWaitingCallId   the call ringing the longest, or null when none rings
     * @param longestWaitingSeconds  how long it has rung, or null
     * @param agentsByStatus         agents by their latest status
     */
    public record Now(int ringing, String longestWaitingCallId, Double longestWaitingSeconds,
                      AgentsByStatus agentsByStatus) {
    }

    public record AgentsByStatus(int available, int busy, int away, int offline) {
    }

    /**
     * Call figures of one period {@code [from, to)}.
     *
     * @param offered                 calls that started ringing
     * @param answered                calls answered by an agent
     * @param abandoned               calls that ended while ringing because the caller hung up (ended by the
     *                                telephony side, any endReason but {@code no_answer})
     * @param notAnswered             calls that rang until the ring timeout ({@code no_answer})
     * @param rejected                ringing calls a CRM ended ({@code end_call}: an {@code EndCall} from a socket)
     * @param answeredWithinThreshold answered calls whose time to answer was at most the threshold
     * @param serviceLevel            answeredWithinThreshold / (answered + abandoned + notAnswered + rejected), 0-1;
     *                                null when that is 0
     * @param avgTimeToAnswerSeconds  mean ringing time of the answered calls; null without any
     * @param p90TimeToAnswerSeconds  90th percentile (nearest rank) of the same; null without any
     * @param handled                 answered calls that ended
     * @param avgHandleTimeSeconds    their mean time from answer to end; null without any
     */
    public record CallFigures(Instant from, Instant to, int offered, int answered, int abandoned, int notAnswered,
                              int rejected, int answeredWithinThreshold, Double serviceLevel,
                              Double avgTimeToAnswerSeconds, Double p90TimeToAnswerSeconds, int handled,
                              Double avgHandleTimeSeconds) {
    }

    /**
     * @param status         latest status: {@code available}, {@code busy}, {@code away} or {@code offline}
     * @param last15Minutes  over the same period as the call figures
     * @param lastHour       likewise
     */
    public record AgentFigures(int agentId, String agentName, String status, AgentWindow last15Minutes,
                               AgentWindow lastHour) {
    }

    /**
     * @param callsHandled     the agent's answered calls that ended in the period
     * @param talkTimeSeconds  their total time from answer to end
     * @param occupancy        time busy / (time busy + time available) in the period, 0-1, from the agent's status
     *                         changes; null when the agent was neither in it
     */
    public record AgentWindow(int callsHandled, double talkTimeSeconds, Double occupancy) {
    }
}
