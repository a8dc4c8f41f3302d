package io.callcenter.stats.figures;

import io.callcenter.model.ContractRecord;
import io.callcenter.model.stats.CallCenterStatsUpdated;
import io.callcenter.model.stats.CallCenterStatsUpdated.AgentFigures;
import io.callcenter.model.stats.CallCenterStatsUpdated.AgentWindow;
import io.callcenter.model.stats.CallCenterStatsUpdated.AgentsByStatus;
import io.callcenter.model.stats.CallCenterStatsUpdated.CallFigures;
import io.callcenter.model.stats.CallCenterStatsUpdated.Now;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The snapshot at {@code now} from what {@link StatsProcessor} holds; pure, so the arithmetic is tested on its own.
 * Periods are whole minutes: the last 15 minutes are the current minute and the 14 before it (so they span 14 to 15
 * minutes of time), the last hour likewise with 60. The p90 is the nearest-rank percentile: the smallest ringing time
 * at least 90 % of the answered calls did not exceed. Seconds are rounded to milliseconds, ratios to 4 decimals.
 */
final class Snapshots {
    static final long MINUTE_MS = 60_000;
    static final int QUARTER_MINUTES = 15;
    static final int HOUR_MINUTES = 60;

    private Snapshots() {
    }

    static long minuteOf(long epochMs) {
        return Math.floorDiv(epochMs, MINUTE_MS) * MINUTE_MS;
    }

    static CallCenterStatsUpdated at(long now, Map<Long, MinuteBucket> minutes, Map<String, Long> ringing,
                                     Collection<AgentTimeline> agents, Duration threshold) {
        long current = minuteOf(now);
        List<CallFigures> perMinute = new ArrayList<>(HOUR_MINUTES);
        for (int back = HOUR_MINUTES - 1; back >= 0; back--) {
            long start = current - back * MINUTE_MS;
            perMinute.add(figures(start, start + MINUTE_MS, bucketsOf(minutes, start, 1), threshold));
        }
        long quarterFrom = current - (QUARTER_MINUTES - 1) * MINUTE_MS;
        long hourFrom = current - (HOUR_MINUTES - 1) * MINUTE_MS;
        List<MinuteBucket> quarterBuckets = bucketsOf(minutes, quarterFrom, QUARTER_MINUTES);
        List<MinuteBucket> hourBuckets = bucketsOf(minutes, hourFrom, HOUR_MINUTES);

        List<AgentFigures> agentFigures = agents.stream()
                .sorted(Comparator.comparingInt(AgentTimeline::agentId))
                .map(agent -> new AgentFigures(agent.agentId(), agent.agentName(), agent.status(),
                        agentWindow(agent, quarterBuckets, quarterFrom, now),
                        agentWindow(agent, hourBuckets, hourFrom, now)))
                .toList();
        return new CallCenterStatsUpdated(UUID.randomUUID(), Instant.ofEpochMilli(now), ContractRecord.SCHEMA_VERSION,
                CallCenterStatsUpdated.SCOPE_CALL_CENTER, (int) threshold.toSeconds(), now(now, ringing, agents),
                figures(quarterFrom, current + MINUTE_MS, quarterBuckets, threshold),
                figures(hourFrom, current + MINUTE_MS, hourBuckets, threshold), perMinute, agentFigures);
    }

    private static Now now(long now, Map<String, Long> ringing, Collection<AgentTimeline> agents) {
        Map.Entry<String, Long> longest = ringing.entrySet().stream()
                .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElse(null);
        int available = 0;
        int busy = 0;
        int away = 0;
        int offline = 0;
        for (AgentTimeline agent : agents) {
            String status = agent.status();
            if ("available".equals(status)) {
                available++;
            } else if ("busy".equals(status)) {
                busy++;
            } else if ("away".equals(status)) {
                away++;
            } else if ("offline".equals(status)) {
                offline++;
            }
        }
        return new Now(ringing.size(), longest == null ? null : longest.getKey(),
                longest == null ? null : seconds(Math.max(0, now - longest.getValue())),
                new AgentsByStatus(available, busy, away, offline));
    }

    private static List<MinuteBucket> bucketsOf(Map<Long, MinuteBucket> minutes, long from, int count) {
        List<MinuteBucket> buckets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            MinuteBucket bucket = minutes.get(from + i * MINUTE_MS);
            if (bucket != null) {
                buckets.add(bucket);
            }
        }
        return buckets;
    }

    static CallFigures figures(long from, long to, List<MinuteBucket> buckets, Duration threshold) {
        int offered = 0;
        int answered = 0;
        int abandoned = 0;
        int notAnswered = 0;
        int rejected = 0;
        int within = 0;
        int handled = 0;
        long handleMs = 0;
        List<Long> waits = new ArrayList<>();
        for (MinuteBucket bucket : buckets) {
            offered += bucket.offered();
            answered += bucket.answered();
            abandoned += bucket.abandoned();
            notAnswered += bucket.notAnswered();
            rejected += bucket.rejected();
            within += bucket.answeredWithinThreshold();
            handled += bucket.handled();
            handleMs += bucket.handleMsTotal();
            waits.addAll(bucket.answerWaitsMs());
        }
        waits.sort(null);
        int outcomes = answered + abandoned + notAnswered + rejected;
        Double avgWait = waits.isEmpty() ? null
                : seconds(Math.round(waits.stream().mapToLong(Long::longValue).sum() / (double) waits.size()));
        Double p90 = waits.isEmpty() ? null : seconds(waits.get((int) Math.ceil(0.9 * waits.size()) - 1));
        return new CallFigures(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), offered, answered, abandoned,
                notAnswered, rejected, within, outcomes == 0 ? null : ratio(within, outcomes), avgWait, p90, handled,
                handled == 0 ? null : seconds(Math.round(handleMs / (double) handled)));
    }

    private static AgentWindow agentWindow(AgentTimeline agent, List<MinuteBucket> buckets, long from, long now) {
        int handled = 0;
        long talkMs = 0;
        for (MinuteBucket bucket : buckets) {
            MinuteBucket.AgentMinute minute = bucket.agents().get(agent.agentId());
            if (minute != null) {
                handled += minute.handled();
                talkMs += minute.talkMs();
            }
        }
        Double occupancy = agent.occupancy(from, now);
        return new AgentWindow(handled, seconds(talkMs), occupancy == null ? null : round4(occupancy));
    }

    static double seconds(long ms) {
        return ms / 1000.0;
    }

    private static double ratio(long part, long whole) {
        return round4((double) part / whole);
    }

    private static double round4(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
