package io.callcenter.stats.figures;

import io.callcenter.model.calls.CallAnswered;
import io.callcenter.model.calls.CallEnded;
import io.callcenter.model.calls.CallEvent;
import io.callcenter.model.calls.CallStarted;
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
import java.util.List;

/**
 * Turns each call's events (keyed by callId, in order) into the facts the figures count, once per call: a call is
 * offered by its {@code CallStarted}; answered by its first {@code CallAnswered} (wait = answer - offer); and ended by
 * its first {@code CallEnded}: handled when it was answered (handle time = end - answer), otherwise
 * {@linkplain #unansweredKind how} it ended while ringing. A step that does not follow the lifecycle (a second answer
 * or end, an event of a call whose {@code CallStarted} was never seen) changes nothing, so a redelivered event is
 * never counted twice. {@code CommandRejected} is a refused command, not a call outcome: ignored.
 * <p>
 * Ended calls stay {@code endedCallRetention}, then a wall-clock punctuation removes them; so does a call whose
 * {@code CallEnded} never came, a day after it was offered.
 */
final class CallFactsProcessor implements Processor<String, CallEvent, String, CallFact> {
    static final String NO_ANSWER = "no_answer";
    /** A call still open this long after its offer is forgotten (call-ingest ends every call long before). */
    static final Duration ABANDONED_RECORD = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(CallFactsProcessor.class);

    private final Duration endedCallRetention;
    private ProcessorContext<String, CallFact> context;
    private KeyValueStore<String, CallRecord> calls;

    CallFactsProcessor(Duration endedCallRetention) {
        this.endedCallRetention = endedCallRetention;
    }

    @Override
    public void init(ProcessorContext<String, CallFact> context) {
        this.context = context;
        this.calls = context.getStateStore(CallStatsTopology.CALL_FACTS_STORE);
        context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(Record<String, CallEvent> record) {
        CallEvent event = record.value();
        if (event == null || event.callId() == null || event.occurredAt() == null) {
            return;
        }
        String callId = event.callId();
        long at = event.occurredAt().toEpochMilli();
        CallRecord call = calls.get(callId);
        if (event instanceof CallStarted) {
            if (call == null) {
                calls.put(callId, CallRecord.offered(at));
                forward(record, CallFact.offered(callId, at));
            }
        } else if (event instanceof CallAnswered answered) {
            if (call != null && call.answeredAt() == null && call.endedAt() == null) {
                calls.put(callId, call.answered(at, answered.agentId()));
                forward(record, CallFact.answered(callId, at, Math.max(0, at - call.offeredAt()),
                        answered.agentId()));
            } else if (call == null) {
                log.debug("CallAnswered of {} whose CallStarted was not seen: not counted", callId);
            }
        } else if (event instanceof CallEnded ended) {
            if (call != null && call.endedAt() == null) {
                calls.put(callId, call.ended(at));
                if (call.answeredAt() != null) {
                    forward(record, CallFact.handled(callId, at, Math.max(0, at - call.answeredAt()),
                            call.agentId()));
                } else {
                    forward(record, CallFact.unanswered(unansweredKind(ended), callId, at,
                            Math.max(0, at - call.offeredAt())));
                }
            } else if (call == null) {
                log.debug("CallEnded of {} whose CallStarted was not seen: not counted", callId);
            }
        }
    }

    /**
     * How a call that was never answered ended: {@code no_answer} is call-ingest's ring timeout (or the telephony
     * side saying the same): not answered; an end sent from a CRM socket ({@code end_call}, {@code requestedBy}
     * names a socket) is a rejection from a CRM; any other end came from the telephony side while the call rang: the
     * caller hung up, abandoned.
     */
    static CallFact.Kind unansweredKind(CallEnded ended) {
        if (NO_ANSWER.equals(ended.endReason())) {
            return CallFact.Kind.NOT_ANSWERED;
        }
        if (ended.requestedBy() != null && ended.requestedBy().socketId() != null) {
            return CallFact.Kind.REJECTED;
        }
        return CallFact.Kind.ABANDONED;
    }

    private void forward(Record<String, CallEvent> record, CallFact fact) {
        Integer partition = context.recordMetadata().map(metadata -> metadata.partition()).orElse(null);
        context.forward(record.withValue(fact.from(partition)).withTimestamp(fact.at()));
    }

    private void purge(long now) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, CallRecord> all = calls.all()) {
            all.forEachRemaining(entry -> {
                CallRecord call = entry.value;
                boolean endedLongAgo = call.endedAt() != null
                        && call.endedAt() < now - endedCallRetention.toMillis();
                boolean neverEnded = call.endedAt() == null && call.offeredAt() < now - ABANDONED_RECORD.toMillis();
                if (endedLongAgo || neverEnded) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(calls::delete);
    }
}
