package io.callcenter.stats.figures;

import io.callcenter.model.stats.CallCenterStatsUpdated;
import io.callcenter.model.stats.CallCenterStatsUpdated.AgentFigures;
import io.callcenter.model.stats.CallCenterStatsUpdated.AgentWindow;
import io.callcenter.model.stats.CallCenterStatsUpdated.AgentsByStatus;
import io.callcenter.model.stats.CallCenterStatsUpdated.CallFigures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.callcenter.stats.figures.StatsTopologyDriver.CRM_SOCKET;
import static io.callcenter.stats.figures.StatsTopologyDriver.VOICEBOT;
import static io.callcenter.stats.figures.StatsTopologyDriver.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The statistics topology on {@link org.apache.kafka.streams.TopologyTestDriver}. The expected figures are counted by
 * hand from the sequence in each test (written out next to it), not by the code under test.
 */
class CallStatsTopologyTest {
    private static final Duration GRACE = Duration.ofMinutes(2);

    /**
     * Seven calls over three minutes, threshold 20 s:
     * <pre>
     * C1 rings 08:00:00, agent 1 answers 08:00:05 (5 s),  ends 08:02:05 (handled, 120 s)
     * C2 rings 08:00:10, agent 2 answers 08:00:40 (30 s), ends 08:01:40 (handled, 60 s)
     * C3 rings 08:00:20, the caller hangs up 08:00:35 (abandoned)
     * C4 rings 08:00:30, ring timeout 08:01:15 (not answered)
     * C5 rings 08:01:00, a CRM ends it 08:01:10 (rejected)
     * C6 rings 08:02:30, agent 1 answers 08:02:50 (20 s: within the threshold)
     * C7 rings 08:02:40, still ringing at 08:03:00
     * </pre>
     */
    private static void sevenCalls(StatsTopologyDriver stats) {
        stats.agent(3, "offline", at("07:00:00"));
        stats.agent(1, "available", at("07:50:00"));
        stats.agent(2, "available", at("07:55:00"));
        stats.ring("C1", at("08:00:00"));
        stats.answer("C1", 1, at("08:00:05"));
        stats.agent(1, "busy", at("08:00:05"));
        stats.ring("C2", at("08:00:10"));
        stats.ring("C3", at("08:00:20"));
        stats.ring("C4", at("08:00:30"));
        stats.end("C3", "customer_hangup", VOICEBOT, null, at("08:00:35"));
        stats.answer("C2", 2, at("08:00:40"));
        stats.agent(2, "busy", at("08:00:40"));
        stats.ring("C5", at("08:01:00"));
        stats.end("C5", "crm_reject", CRM_SOCKET, null, at("08:01:10"));
        stats.end("C4", "no_answer", null, null, at("08:01:15"));
        stats.end("C2", "customer_hangup", VOICEBOT, 2, at("08:01:40"));
        stats.agent(2, "available", at("08:01:40"));
        stats.agent(2, "away", at("08:02:00"));
        stats.end("C1", "customer_hangup", VOICEBOT, 1, at("08:02:05"));
        stats.agent(1, "available", at("08:02:05"));
        stats.ring("C6", at("08:02:30"));
        stats.ring("C7", at("08:02:40"));
        stats.answer("C6", 1, at("08:02:50"));
        stats.agent(1, "busy", at("08:02:50"));
    }

    @Test
    void everyFigureOfAKnownSequence() {
        try (StatsTopologyDriver stats = new StatsTopologyDriver(at("08:02:59"), GRACE)) {
            sevenCalls(stats);
            stats.published(); // whatever was published while piping
            stats.wallClockTo(at("08:03:00"));

            List<CallCenterStatsUpdated> published = stats.published();
            assertThat(published).hasSize(1);
            CallCenterStatsUpdated snapshot = published.get(0);
            assertThat(snapshot.occurredAt()).isEqualTo(at("08:03:00"));
            assertThat(snapshot.scope()).isEqualTo("call-center");
            assertThat(snapshot.serviceLevelThresholdSeconds()).isEqualTo(20);

            // now: C7 rings since 08:02:40; agent 1 busy, 2 away, 3 offline
            assertThat(snapshot.now().ringing()).isEqualTo(1);
            assertThat(snapshot.now().longestWaitingCallId()).isEqualTo("C7");
            assertThat(snapshot.now().longestWaitingSeconds()).isEqualTo(20.0);
            assertThat(snapshot.now().agentsByStatus()).isEqualTo(new AgentsByStatus(0, 1, 1, 1));

            // last 15 minutes (07:49-08:04): offered 7, answered 3 (5, 30, 20 s), abandoned 1, not answered 1,
            // rejected 1; within 20 s: C1 and C6 → 2 of 6 outcomes; mean wait 55/3 s, p90 (nearest rank 3 of 3) 30 s;
            // handled C2 and C1: (60 + 120) / 2 = 90 s
            CallFigures quarter = snapshot.last15Minutes();
            assertThat(quarter.from()).isEqualTo(at("07:49:00"));
            assertThat(quarter.to()).isEqualTo(at("08:04:00"));
            assertCounts(quarter, 7, 3, 1, 1, 1, 2, 2);
            assertThat(quarter.serviceLevel()).isEqualTo(0.3333);
            assertThat(quarter.avgTimeToAnswerSeconds()).isEqualTo(18.333);
            assertThat(quarter.p90TimeToAnswerSeconds()).isEqualTo(30.0);
            assertThat(quarter.avgHandleTimeSeconds()).isEqualTo(90.0);
            CallFigures hour = snapshot.lastHour();
            assertThat(hour.from()).isEqualTo(at("07:04:00"));
            assertCounts(hour, 7, 3, 1, 1, 1, 2, 2);

            // per minute, by the minute of each step
            List<CallFigures> minutes = snapshot.minutes();
            assertThat(minutes).hasSize(60);
            assertThat(minutes.get(59).from()).isEqualTo(at("08:03:00"));
            assertCounts(minutes.get(59), 0, 0, 0, 0, 0, 0, 0);
            assertThat(minutes.get(59).serviceLevel()).isNull();
            assertThat(minutes.get(59).avgTimeToAnswerSeconds()).isNull();
            CallFigures eight = minutes.get(56);
            assertThat(eight.from()).isEqualTo(at("08:00:00"));
            // 08:00: C1-C4 offered; C1 (5 s) and C2 (30 s) answered; C3 abandoned; 1 of 3 outcomes within 20 s
            assertCounts(eight, 4, 2, 1, 0, 0, 1, 0);
            assertThat(eight.serviceLevel()).isEqualTo(0.3333);
            assertThat(eight.avgTimeToAnswerSeconds()).isEqualTo(17.5);
            assertThat(eight.p90TimeToAnswerSeconds()).isEqualTo(30.0);
            // 08:01: C5 offered; C4 not answered; C5 rejected; C2 handled (60 s)
            CallFigures eightOne = minutes.get(57);
            assertCounts(eightOne, 1, 0, 0, 1, 1, 0, 1);
            assertThat(eightOne.serviceLevel()).isEqualTo(0.0);
            assertThat(eightOne.avgHandleTimeSeconds()).isEqualTo(60.0);
            // 08:02: C6 and C7 offered; C6 answered in 20 s (within); C1 handled (120 s)
            CallFigures eightTwo = minutes.get(58);
            assertCounts(eightTwo, 2, 1, 0, 0, 0, 1, 1);
            assertThat(eightTwo.serviceLevel()).isEqualTo(1.0);
            assertThat(eightTwo.avgHandleTimeSeconds()).isEqualTo(120.0);
            assertThat(minutes.subList(0, 56)).allSatisfy(minute -> assertCounts(minute, 0, 0, 0, 0, 0, 0, 0));

            // agents, 07:49 to 08:03:
            // 1: available 07:50-08:00:05 (605 s), busy to 08:02:05 (120 s), available to 08:02:50 (45 s), busy to
            //    08:03:00 (10 s): 130 / 780; handled C1, 120 s
            // 2: available 07:55-08:00:40 (340 s), busy to 08:01:40 (60 s), available to 08:02:00 (20 s), then away:
            //    60 / 420; handled C2, 60 s
            // 3: offline all along: no occupancy
            assertThat(snapshot.agents()).extracting(AgentFigures::agentId).containsExactly(1, 2, 3);
            AgentFigures one = snapshot.agents().get(0);
            assertThat(one.status()).isEqualTo("busy");
            assertThat(one.agentName()).isEqualTo("Agent 1");
            assertAgent(one.last15Minutes(), 1, 120.0, 130.0 / 780);
            assertAgent(one.lastHour(), 1, 120.0, 130.0 / 780);
            AgentFigures two = snapshot.agents().get(1);
            assertThat(two.status()).isEqualTo("away");
            assertAgent(two.last15Minutes(), 1, 60.0, 60.0 / 420);
            AgentFigures three = snapshot.agents().get(2);
            assertThat(three.status()).isEqualTo("offline");
            assertThat(three.last15Minutes()).isEqualTo(new AgentWindow(0, 0.0, null));
            assertThat(three.lastHour()).isEqualTo(new AgentWindow(0, 0.0, null));
        }
    }

    @Test
    void aRedeliveredEventIsNotCountedTwice() {
        try (StatsTopologyDriver stats = new StatsTopologyDriver(at("08:00:59"), GRACE)) {
            stats.ring("C1", at("08:00:00"));
            stats.ring("C1", at("08:00:00"));
            stats.answer("C1", 1, at("08:00:05"));
            stats.answer("C1", 2, at("08:00:06"));
            stats.end("C1", "customer_hangup", VOICEBOT, 1, at("08:00:30"));
            stats.end("C1", "customer_hangup", VOICEBOT, 1, at("08:00:30"));
            stats.end("C9", "customer_hangup", VOICEBOT, null, at("08:00:31")); // never rang here: not counted
            stats.wallClockTo(at("08:01:00"));

            CallFigures quarter = last(stats).last15Minutes();
            assertCounts(quarter, 1, 1, 0, 0, 0, 1, 1);
            assertThat(quarter.avgHandleTimeSeconds()).isEqualTo(25.0);
        }
    }

    @Test
    void aLateEventWithinTheGraceCountsInItsMinuteOneLaterIsDropped() {
        try (StatsTopologyDriver stats = new StatsTopologyDriver(at("08:10:59"), GRACE)) {
            stats.ring("NEW", at("08:10:00"));
            stats.ring("LATE-OK", at("08:08:30"));   // 90 s behind: within the 2-minute grace
            stats.ring("TOO-LATE", at("08:07:30"));  // 150 s behind: dropped from the counts
            stats.end("TOO-LATE", "customer_hangup", VOICEBOT, null, at("08:10:01"));
            stats.wallClockTo(at("08:11:00"));

            CallCenterStatsUpdated snapshot = last(stats);
            assertThat(stats.lateDropped).hasValue(1);
            assertThat(snapshot.last15Minutes().offered()).isEqualTo(2);
            assertThat(snapshot.minutes().get(56).from()).isEqualTo(at("08:08:00"));
            assertThat(snapshot.minutes().get(56).offered()).isEqualTo(1);
            assertThat(snapshot.minutes().get(55).offered()).as("08:07, the dropped call's minute").isZero();
            // the dropped call's end still counts and ends its ringing
            assertThat(snapshot.last15Minutes().abandoned()).isEqualTo(1);
            assertThat(snapshot.now().ringing()).isEqualTo(2);
            assertThat(snapshot.now().longestWaitingCallId()).isEqualTo("LATE-OK");
        }
    }

    @Test
    void publishesAtMostOncePerIntervalAndOnlyWhileSomethingChanges() {
        try (StatsTopologyDriver stats = new StatsTopologyDriver(at("08:00:10"), GRACE)) {
            stats.wallClockTo(at("08:00:11"));
            assertThat(stats.published()).as("nothing happened yet").hasSize(1);

            stats.ring("C1", at("08:00:11"));
            stats.ring("C2", at("08:00:11"));
            stats.wallClockTo(at("08:00:12"));
            assertThat(stats.published()).as("two events, one second").hasSize(1);

            // ringing: the waiting time grows, one snapshot a second
            stats.wallClockTo(at("08:00:13"));
            stats.wallClockTo(at("08:00:14"));
            List<CallCenterStatsUpdated> whileRinging = stats.published();
            assertThat(whileRinging).extracting(s -> s.now().longestWaitingSeconds()).containsExactly(2.0, 3.0);

            stats.end("C1", "no_answer", null, null, at("08:00:14"));
            stats.end("C2", "no_answer", null, null, at("08:00:14"));
            stats.wallClockTo(at("08:00:15"));
            assertThat(stats.published()).hasSize(1);
            stats.wallClockTo(at("08:00:16"));
            stats.wallClockTo(at("08:00:17"));
            assertThat(stats.published()).as("nothing changes, no call rings").isEmpty();

            // a new minute moves the periods: one snapshot
            stats.wallClockTo(at("08:01:00"));
            stats.wallClockTo(at("08:01:01"));
            assertThat(stats.published()).hasSize(1);
        }
    }

    @Test
    void minutesOlderThanTheHourLeaveThePeriods() {
        try (StatsTopologyDriver stats = new StatsTopologyDriver(at("08:00:59"), GRACE)) {
            stats.ring("C1", at("08:00:00"));
            stats.end("C1", "customer_hangup", VOICEBOT, null, at("08:00:10"));
            stats.wallClockTo(at("08:01:00"));
            assertThat(last(stats).lastHour().offered()).isEqualTo(1);

            stats.wallClockTo(at("08:15:00"));
            CallCenterStatsUpdated quarterLater = last(stats);
            assertThat(quarterLater.last15Minutes().offered()).isZero();
            assertThat(quarterLater.lastHour().offered()).isEqualTo(1);

            stats.wallClockTo(at("09:00:00"));
            assertThat(last(stats).lastHour().offered()).isZero();
        }
    }

    private static CallCenterStatsUpdated last(StatsTopologyDriver stats) {
        List<CallCenterStatsUpdated> published = stats.published();
        assertThat(published).isNotEmpty();
        return published.get(published.size() - 1);
    }

    private static void assertCounts(CallFigures figures, int offered, int answered, int abandoned, int notAnswered,
                                     int rejected, int answeredWithinThreshold, int handled) {
        assertThat(figures).extracting(CallFigures::offered, CallFigures::answered, CallFigures::abandoned,
                        CallFigures::notAnswered, CallFigures::rejected, CallFigures::answeredWithinThreshold,
                        CallFigures::handled)
                .as("offered, answered, abandoned, notAnswered, rejected, withinThreshold, handled of %s", figures)
                .containsExactly(offered, answered, abandoned, notAnswered, rejected, answeredWithinThreshold,
                        handled);
    }

    private static void assertAgent(AgentWindow window, int handled, double talkSeconds, double occupancy) {
        assertThat(window.callsHandled()).isEqualTo(handled);
        assertThat(window.talkTimeSeconds()).isEqualTo(talkSeconds);
        assertThat(window.occupancy()).isCloseTo(occupancy, within(0.0001));
    }
}
