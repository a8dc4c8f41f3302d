package io.callcenter.ingest.calls;

import io.callcenter.ingest.agents.AgentView;
import io.callcenter.model.ContractRecord;
import io.callcenter.model.RequestedBy;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.commands.StartCall;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.AnswerCallRequest;
import io.callcenter.model.crm.CallAnsweredToCrm;
import io.callcenter.model.crm.CallEndedToCrm;
import io.callcenter.model.crm.CrmTime;
import io.callcenter.model.crm.EndCallRequest;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.TimingHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import io.callcenter.model.events.RejectionCode;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Applies call commands one at a time per callId (Kafka Streams hands a partition's records to one task, in offset
 * order) against the lifecycle store, and forwards the resulting event, keyed by callId. Store writes and events are
 * committed in one exactly-once transaction, so a restart never loses or repeats a transition.
 * {@code AnswerCall}s arrive here only after {@link AgentSeatProcessor} reserved the agent for the call (it decides
 * whether the agent may take a call; this processor whether the call may be taken). Every answer and end yields an
 * event that names the command ({@code commandId}), so its sender learns the outcome.
 * A wall-clock punctuator ends calls left ringing past the ring timeout, ends calls connected longer than the maximum
 * call duration (reason {@value #MAX_DURATION}: a lost hang-up cannot keep an agent busy for good), and purges ended calls
 * after the retention,
 * which keeps them long enough that late commands are rejected as {@code call_ended} rather than
 * {@code call_not_found}. It looks only at the calls {@link CallDeadlines} names as due, not at the whole store;
 * {@link LiveCalls} names the ringing and connected ones for the REST listing.
 */
final class CallLifecycleProcessor implements Processor<String, CallCommand, String, CallEvent> {
    static final String NO_ANSWER = "no_answer";
    static final String MAX_DURATION = "max_duration";
    static final String AGENT_BUSY = "busy";
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(CallLifecycleProcessor.class);

    private final Duration ringTimeout;
    private final Duration maxCallDuration;
    private final Duration endedCallRetention;
    private final String instanceId;
    private final Clock clock;
    private ProcessorContext<String, CallEvent> context;
    private KeyValueStore<String, CallState> calls;
    private KeyValueStore<String, ValueAndTimestamp<AgentEvent>> agents;
    private final CallDeadlines deadlines = new CallDeadlines();
    private final LiveCalls liveCalls;
    /** The callIds this processor has put into {@link #liveCalls}, taken out again when it closes. */
    private final Set<String> liveHere = new HashSet<>();

    CallLifecycleProcessor(Duration ringTimeout, Duration maxCallDuration, Duration endedCallRetention,
                           String instanceId, Clock clock, LiveCalls liveCalls) {
        this.ringTimeout = ringTimeout;
        this.maxCallDuration = maxCallDuration;
        this.liveCalls = liveCalls;
        this.endedCallRetention = endedCallRetention;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /**
     * The eventId of the {@code IncomingCall} a {@code StartCall} produces, derived from the command's eventId, so
     * the instance that sent the command recognises its own event in the committed output (see
     * {@link IncomingCallConfirmations}) without reading a store that may live on another instance.
     */
    static UUID incomingCallEventId(UUID startCommandId) {
        return UUID.nameUUIDFromBytes(("IncomingCall:" + startCommandId).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void init(ProcessorContext<String, CallEvent> context) {
        this.context = context;
        this.calls = context.getStateStore(CallLifecycleTopology.CALLS_STORE);
        this.agents = context.getStateStore(AgentView.STORE);
        // a revived task initialises the same processor again, over a restored store
        deadlines.clear();
        leaveLiveCalls();
        try (KeyValueIterator<String, CallState> all = calls.all()) {
            all.forEachRemaining(entry -> index(entry.value));
        }
        context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, ignored -> sweep());
    }

    @Override
    public void process(Record<String, CallCommand> record) {
        CallCommand command = record.value();
        if (command == null || command.callId() == null || command.callId().isBlank()) {
            log.warn("Skipping command without a callId at {}: key={} value={}", position(), record.key(), command);
            return;
        }
        if (!command.callId().equals(record.key())) {
            log.warn("Command {} for call {} was keyed '{}'; commands must be keyed by callId", command.eventId(),
                    command.callId(), record.key());
        }
        if (command instanceof StartCall start) {
            start(start, record.headers());
        } else if (command instanceof AnswerCall answer) {
            answer(answer);
        } else if (command instanceof EndCall end) {
            end(end);
        }
    }

    private void start(StartCall command, Headers commandHeaders) {
        if (calls.get(command.callId()) != null) {
            log.info("Call {} already exists; StartCall {} changes nothing", command.callId(), command.eventId());
            return;
        }
        if (command.callerNumber() == null) {
            log.warn("Skipping StartCall {} for call {} without callerNumber", command.eventId(), command.callId());
            return;
        }
        Instant now = clock.instant();
        Instant startedAt = command.occurredAt() != null ? command.occurredAt() : now;
        IncomingCallToCrm payload = new IncomingCallToCrm(command.callId(), command.callerNumber(),
                command.calledNumber(), command.suggestedAgent(), command.customerInfo(), CrmTime.format(startedAt),
                IncomingCallToCrm.STATUS_RINGING, command.source());
        save(CallState.ringing(command.eventId(), startedAt, payload));
        // the StartCall's timing headers go on, plus when it was processed (per-hop latency, TimingHeaders)
        Headers timing = new RecordHeaders();
        TimingHeaders.copy(commandHeaders, timing);
        TimingHeaders.stamp(timing, TimingHeaders.PROCESSED, TimingHeaders.nowMicros());
        IncomingCall incoming = new IncomingCall(incomingCallEventId(command.eventId()), now,
                ContractRecord.SCHEMA_VERSION, command.callId(), payload);
        context.forward(new Record<>(incoming.callId(), incoming, now.toEpochMilli(), timing));
    }

    private void answer(AnswerCall command) {
        CallState call = calls.get(command.callId());
        RejectionCode refusal = refusalOfAnswer(call);
        if (refusal != null) {
            reject(command, AnswerCallRequest.EVENT, refusal);
            return;
        }
        // whether the agent may take it was decided by AgentSeatProcessor; the table only names the agent here
        ValueAndTimestamp<AgentEvent> known = agents.get(Integer.toString(command.agentId()));
        if (known == null || !(known.value() instanceof AgentStatusChanged agent)) {
            reject(command, AnswerCallRequest.EVENT, RejectionCode.AGENT_NOT_FOUND);
            return;
        }
        Instant now = clock.instant();
        AgentInfo agentInfo = new AgentInfo(agent.agentId(), agent.userId(), agent.agentName(), AGENT_BUSY);
        save(call.answeredBy(agentInfo, now));
        emit(CallAnswered.of(command.agentId(), command.eventId(), command.requestedBy(),
                CallAnsweredToCrm.of(command.callId(), agentInfo, call.incoming().customerInfo())), now);
    }

    private static RejectionCode refusalOfAnswer(CallState call) {
        if (call == null) {
            return RejectionCode.CALL_NOT_FOUND;
        }
        return switch (call.status()) {
            case RINGING -> null;
            case CONNECTED -> RejectionCode.ALREADY_ANSWERED;
            case ENDED -> RejectionCode.CALL_ENDED;
        };
    }

    private void end(EndCall command) {
        CallState call = calls.get(command.callId());
        if (call == null || call.status() == CallStatus.ENDED) {
            RejectionCode code = call == null ? RejectionCode.CALL_NOT_FOUND : RejectionCode.CALL_ENDED;
            reject(command, EndCallRequest.EVENT, code);
            return;
        }
        String reason = command.endReason() == null || command.endReason().isBlank() ? "unspecified"
                : command.endReason();
        endCall(call, reason, command.eventId(), command.requestedBy());
    }

    private void endCall(CallState call, String reason, UUID commandId, RequestedBy requestedBy) {
        Instant now = clock.instant();
        long duration = call.secondsSinceStart(now);
        save(call.ended(reason, now, duration));
        Integer agentId = call.agent() == null ? null : call.agent().id();
        emit(CallEnded.of(agentId, commandId, requestedBy, CallEndedToCrm.of(call.callId(), reason, duration)), now);
    }

    /**
     * Ends calls ringing past the timeout and calls connected past the maximum duration, and forgets calls that ended
     * longer ago than the retention.
     */
    private void sweep() {
        Instant now = clock.instant();
        RequestedBy timer = new RequestedBy(instanceId, null);
        for (String callId : deadlines.ringingSince(now.minus(ringTimeout))) {
            CallState call = current(callId);
            if (call != null && call.ringingLongerThan(ringTimeout, now)) {
                log.info("Call {} rang longer than {}; ending it with {}", callId, ringTimeout, NO_ANSWER);
                endCall(call, NO_ANSWER, null, timer);
            }
        }
        for (String callId : deadlines.connectedSince(now.minus(maxCallDuration))) {
            CallState call = current(callId);
            if (call != null && call.connectedLongerThan(maxCallDuration, now)) {
                log.warn("Call {} was connected longer than {} (agent {}); ending it with {}", callId,
                        maxCallDuration, call.agent() == null ? null : call.agent().id(), MAX_DURATION);
                endCall(call, MAX_DURATION, null, timer);
            }
        }
        Instant forgetBefore = now.minus(endedCallRetention);
        for (String callId : deadlines.endedBefore(forgetBefore)) {
            CallState call = current(callId);
            if (call != null && call.endedBefore(forgetBefore)) {
                calls.delete(callId);
                unindex(callId);
            }
        }
    }

    /** The stored state of a call the deadlines name, which the indexes then follow (the store is the truth). */
    private CallState current(String callId) {
        CallState call = calls.get(callId);
        if (call == null) {
            unindex(callId);
        } else {
            index(call);
        }
        return call;
    }

    @Override
    public void close() {
        leaveLiveCalls();
    }

    private void save(CallState call) {
        calls.put(call.callId(), call);
        index(call);
    }

    private void index(CallState call) {
        deadlines.track(call);
        liveCalls.update(call);
        if (call.status() == CallStatus.ENDED) {
            liveHere.remove(call.callId());
        } else {
            liveHere.add(call.callId());
        }
    }

    private void unindex(String callId) {
        deadlines.forget(callId);
        liveCalls.remove(callId);
        liveHere.remove(callId);
    }

    private void leaveLiveCalls() {
        liveHere.forEach(liveCalls::remove);
        liveHere.clear();
    }

    private void reject(CallCommand command, String commandName, RejectionCode code) {
        log.info("Rejecting {} {} for call {} from {}: {}", commandName, command.eventId(), command.callId(),
                command.requestedBy(), code.code());
        Instant now = clock.instant();
        Integer agentId = command instanceof AnswerCall answer ? answer.agentId() : null;
        emit(CommandRejected.worded(command.callId(), command.eventId(), commandName, command.requestedBy(), code,
                agentId, null), now);
    }

    private void emit(CallEvent event, Instant at) {
        context.forward(new Record<>(event.callId(), event, at.toEpochMilli()));
    }

    /** Where the current record came from, for logs: {@code topic-partition@offset}. */
    private String position() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
    }
}
