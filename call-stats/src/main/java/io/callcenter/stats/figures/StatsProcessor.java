package io.callcenter.stats.figures;

import io.callcenter.model.stats.CallCenterStatsUpdated;
import io.callcenter.model.stats.CallStatsEvent;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates every fact of the one scope into changelogged stores: per-minute counts
 * ({@value CallStatsTopology#MINUTES_STORE}, by the minute of the fact's time), the calls ringing now
 * ({@value CallStatsTopology#RINGING_STORE}) and each agent's recent status changes
 * ({@value CallStatsTopology#AGENTS_STORE}); in {@value CallStatsTopology#PROGRESS_STORE} the newest fact time seen
 * and, per call-events partition, the newest fact time from it: the least of those is the watermark. A call fact
 * more than {@code grace} older than the watermark is too late for its minute: not counted (it still ends the call's
 * ringing). Every {@code publishInterval} of wall-clock
 * time it publishes a snapshot ({@link Snapshots}) if anything changed since the last one, a call is ringing (its
 * waiting time grows), or a new minute began while the last hour holds counts (the periods moved); minutes older
 * than the hour plus the grace are then dropped.
 */
final class StatsProcessor implements Processor<String, CallFact, String, CallStatsEvent> {
    static final String STREAM_TIME = "stream-time";
    /** Prefix of the newest fact time per call-events partition, in the progress store. */
    static final String SOURCE_TIME = "source-time-";
    /** A call ringing this long is forgotten (call-ingest ends every call long before: its ring timeout). */
    static final Duration STALE_RINGING = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(StatsProcessor.class);

    private final Duration threshold;
    private final Duration grace;
    private final Duration publishInterval;
    private final Runnable lateEventDropped;
    private ProcessorContext<String, CallStatsEvent> context;
    private KeyValueStore<Long, MinuteBucket> minutes;
    private KeyValueStore<String, Long> ringing;
    private KeyValueStore<String, AgentTimeline> agents;
    private KeyValueStore<String, Long> progress;
    /** In memory only: after a restart the first punctuation publishes once, which is harmless. */
    private boolean changed = true;
    private long publishedMinute = Long.MIN_VALUE;

    StatsProcessor(Duration threshold, Duration grace, Duration publishInterval, Runnable lateEventDropped) {
        this.threshold = threshold;
        this.grace = grace;
        this.publishInterval = publishInterval;
        this.lateEventDropped = lateEventDropped;
    }

    @Override
    public void init(ProcessorContext<String, CallStatsEvent> context) {
        this.context = context;
        this.minutes = context.getStateStore(CallStatsTopology.MINUTES_STORE);
        this.ringing = context.getStateStore(CallStatsTopology.RINGING_STORE);
        this.agents = context.getStateStore(CallStatsTopology.AGENTS_STORE);
        this.progress = context.getStateStore(CallStatsTopology.PROGRESS_STORE);
        context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void process(Record<String, CallFact> record) {
        CallFact fact = record.value();
        if (fact == null || fact.kind() == null) {
            return;
        }
        long streamTime = advanceStreamTime(STREAM_TIME, fact.at());
        changed = true;
        if (fact.kind() == CallFact.Kind.AGENT_STATUS) {
            String key = Integer.toString(fact.agentId());
            AgentTimeline timeline = agents.get(key);
            agents.put(key, (timeline == null ? AgentTimeline.of(fact.agentId()) : timeline)
                    .with(fact.agentName(), fact.status(), fact.at()).trimmedTo(oldestKept(streamTime)));
            return;
        }
        if (fact.kind() == CallFact.Kind.OFFERED) {
            ringing.put(fact.callId(), fact.at());
        } else if (fact.kind().stopsRinging()) {
            ringing.delete(fact.callId());
        }
        long watermark = fact.source() == null ? streamTime
                : watermark(advanceStreamTime(SOURCE_TIME + fact.source(), fact.at()));
        if (fact.at() < watermark - grace.toMillis()) {
            log.warn("{} of call {} at {} arrived more than {} after newer events: not counted", fact.kind(),
                    fact.callId(), java.time.Instant.ofEpochMilli(fact.at()), grace);
            lateEventDropped.run();
            return;
        }
        long minute = Snapshots.minuteOf(fact.at());
        MinuteBucket bucket = minutes.get(minute);
        minutes.put(minute, (bucket == null ? MinuteBucket.EMPTY : bucket).plus(fact, threshold.toMillis()));
    }

    private long advanceStreamTime(String key, long at) {
        Long known = progress.get(key);
        if (known == null || at > known) {
            progress.put(key, at);
            return at;
        }
        return known;
    }

    /**
     * The time every call-events partition seen has reached: the least of their newest fact times. Each partition's
     * events come in time order, but the partitions' tasks hand their facts over in turns (a backlog after a restart
     * comes one partition's batch at a time), so lateness is judged against this, not against the newest fact.
     */
    private long watermark(long fallback) {
        long least = Long.MAX_VALUE;
        try (KeyValueIterator<String, Long> sources = progress.prefixScan(SOURCE_TIME,
                new org.apache.kafka.common.serialization.StringSerializer())) {
            while (sources.hasNext()) {
                least = Math.min(least, sources.next().value);
            }
        }
        return least == Long.MAX_VALUE ? fallback : least;
    }

    /** The oldest time any published period or a late event within the grace can still need. */
    private long oldestKept(long time) {
        return Snapshots.minuteOf(time) - Snapshots.HOUR_MINUTES * Snapshots.MINUTE_MS - grace.toMillis();
    }

    private void publish(long now) {
        long minute = Snapshots.minuteOf(now);
        if (minute != publishedMinute) {
            purge(now);
        }
        Map<Long, MinuteBucket> recent = new HashMap<>();
        try (KeyValueIterator<Long, MinuteBucket> all = minutes.all()) {
            all.forEachRemaining(entry -> recent.put(entry.key, entry.value));
        }
        boolean minuteMoved = minute != publishedMinute && !recent.isEmpty();
        if (!changed && !minuteMoved && isEmpty(ringing)) {
            return;
        }
        Map<String, Long> ringingNow = new HashMap<>();
        try (KeyValueIterator<String, Long> all = ringing.all()) {
            all.forEachRemaining(entry -> ringingNow.put(entry.key, entry.value));
        }
        List<AgentTimeline> timelines = new ArrayList<>();
        try (KeyValueIterator<String, AgentTimeline> all = agents.all()) {
            all.forEachRemaining(entry -> timelines.add(entry.value));
        }
        CallCenterStatsUpdated snapshot = Snapshots.at(now, recent, ringingNow, timelines, threshold);
        context.forward(new Record<>(CallCenterStatsUpdated.SCOPE_CALL_CENTER, snapshot, now));
        changed = false;
        publishedMinute = minute;
    }

    private static boolean isEmpty(KeyValueStore<String, Long> store) {
        try (KeyValueIterator<String, Long> all = store.all()) {
            return !all.hasNext();
        }
    }

    /** Drops the minutes, status changes and ringing calls no period needs any more. */
    private void purge(long now) {
        Long streamTime = progress.get(STREAM_TIME);
        long cut = oldestKept(streamTime == null ? now : Math.min(now, streamTime));
        List<Long> oldMinutes = new ArrayList<>();
        try (KeyValueIterator<Long, MinuteBucket> all = minutes.all()) {
            all.forEachRemaining(entry -> {
                if (entry.key < cut) {
                    oldMinutes.add(entry.key);
                }
            });
        }
        oldMinutes.forEach(minutes::delete);
        List<AgentTimeline> trimmed = new ArrayList<>();
        try (KeyValueIterator<String, AgentTimeline> all = agents.all()) {
            all.forEachRemaining(entry -> {
                AgentTimeline shorter = entry.value.trimmedTo(cut);
                if (shorter.changes().size() != entry.value.changes().size()) {
                    trimmed.add(shorter);
                }
            });
        }
        trimmed.forEach(timeline -> agents.put(Integer.toString(timeline.agentId()), timeline));
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = ringing.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value < now - STALE_RINGING.toMillis()) {
                    stale.add(entry.key);
                }
            });
        }
        stale.forEach(ringing::delete);
    }
}
