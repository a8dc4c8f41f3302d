package io.callcenter.ingest.calls;

import io.callcenter.ingest.agents.AgentView;
import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.crm.AnswerCallRequest;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.model.events.RejectionCode;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * <b>One agent, one call: the single writer of who sits where.</b> Every {@code AnswerCall}, from whichever gateway,
 * is re-keyed by agentId and passes through this processor before the call's lifecycle sees it; Kafka Streams gives
 * each agent's records to exactly one task, in order, so two answers naming one agent are decided one after the
 * other, never at once, and the decision reads this processor's own changelogged store of seats (written in the same
 * exactly-once transaction as its output), never an eventually consistent copy.
 * <p>
 * Why this design: the call-keyed lifecycle ({@link CallLifecycleProcessor}) already serialises everything about one
 * call, but two answers for one agent on two calls land on two partitions, possibly two instances. Reading the agent's
 * {@code busy} from agent-directory's table (as before) let an agent win three calls in the window before
 * agent-directory consumed the first answer and published the change, and for good while agent-directory is down.
 * A database lock or a distributed lock would be a second source of truth beside Kafka; routing the answers
 * through a topic keyed by agentId gives every agent a single writer with the guarantees the lifecycle already has.
 * <p>
 * The protocol, per agent (a seat: free, reserved for a call, or connected to it):
 * <ol>
 *     <li>{@code AnswerCall} for a free seat: the agent must exist ({@code agent_not_found}), must not be
 *     {@code away}/{@code offline} in agent-directory's table ({@code agent_unavailable}: agent-directory owns those),
 *     and must not be {@code busy} there for a call this seat has not seen end ({@code agent_busy}: e.g. set busy by
 *     hand). If all holds the seat is <em>reserved</em> for the call and the command goes on, re-keyed by callId, to
 *     the lifecycle.</li>
 *     <li>{@code AnswerCall} while the seat holds another call (reserved or connected): {@code agent_busy}, decided
 *     here. One for the call the seat already holds goes on to the lifecycle, which answers it
 *     ({@code already_answered}), so racers on one call all get the same answer whichever agent they name.</li>
 *     <li>The lifecycle's outcome comes back from call-events, re-keyed by agentId: {@code CallAnswered} confirms the
 *     seat; a {@code CommandRejected} of the reserving command ({@code already_answered}, {@code call_ended}...)
 *     releases it; {@code CallEnded} (hang-up, {@code end_call}, maximum duration) releases it and is remembered, so
 *     a {@code busy} in agent-directory's table for that call is known to be stale.</li>
 * </ol>
 * agent-directory stays the owner of agent status: it still turns agents busy on {@code CallAnswered} and available
 * on {@code CallEnded}; this processor only decides who may take a call. The price: between a reservation and its
 * outcome (a few milliseconds) the agent counts as busy, so a second answer for that agent is refused even if the
 * first then loses its call to another agent; that CRM may try again. A reservation whose outcome never comes back
 * (which exactly-once processing should rule out) stops counting after {@code reservationTimeout}. Outcomes come
 * back through call-events, so an answer that overtakes the {@code CallEnded} of the agent's previous call (possible
 * only when another instance lags on that call-events partition) is refused {@code agent_busy} for that moment.
 */
final class AgentSeatProcessor implements Processor<String, SeatMessage, String, SeatMessage> {
    static final String AWAY = "away";
    static final String OFFLINE = "offline";
    private static final Logger log = LoggerFactory.getLogger(AgentSeatProcessor.class);

    private final Duration reservationTimeout;
    private final Clock clock;
    private ProcessorContext<String, SeatMessage> context;
    private KeyValueStore<String, AgentSeat> seats;
    private KeyValueStore<String, ValueAndTimestamp<AgentEvent>> agents;

    AgentSeatProcessor(Duration reservationTimeout, Clock clock) {
        this.reservationTimeout = reservationTimeout;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, SeatMessage> context) {
        this.context = context;
        this.seats = context.getStateStore(CallLifecycleTopology.SEATS_STORE);
        this.agents = context.getStateStore(AgentView.STORE);
    }

    @Override
    public void process(Record<String, SeatMessage> record) {
        SeatMessage message = record.value();
        if (message == null) {
            return;
        }
        if (message.answer() != null) {
            decide(message.answer());
        } else if (message.outcome() != null) {
            follow(message.outcome());
        }
    }

    private void decide(AnswerCall answer) {
        Instant now = clock.instant();
        AgentSeat seat = seatOf(answer.agentId());
        if (seat.holdsACall(now, reservationTimeout)) {
            if (seat.callId().equals(answer.callId())) {
                pass(answer); // the lifecycle tells this racer the call is taken
            } else {
                reject(answer, RejectionCode.AGENT_BUSY, null);
            }
            return;
        }
        ValueAndTimestamp<AgentEvent> known = agents.get(Topics.agentKey(answer.agentId()));
        if (known == null || !(known.value() instanceof AgentStatusChanged agent)) {
            reject(answer, RejectionCode.AGENT_NOT_FOUND, null);
            return;
        }
        if (AWAY.equals(agent.status()) || OFFLINE.equals(agent.status())) {
            reject(answer, RejectionCode.AGENT_UNAVAILABLE, agent.status());
            return;
        }
        if (CallLifecycleProcessor.AGENT_BUSY.equals(agent.status()) && !seat.releasedCall(agent.currentCallId())) {
            reject(answer, RejectionCode.AGENT_BUSY, agent.status());
            return;
        }
        seats.put(key(seat.agentId()), seat.reserved(answer.callId(), answer.eventId(), now));
        pass(answer);
    }

    private void follow(CallEvent outcome) {
        Instant now = clock.instant();
        if (outcome instanceof CallAnswered answered) {
            AgentSeat seat = seatOf(answered.agentId());
            if (seat.holdsACall(now, reservationTimeout) && !seat.callId().equals(answered.callId())) {
                log.warn("Agent {} answered call {} while holding call {}", answered.agentId(), answered.callId(),
                        seat.callId());
            }
            seats.put(key(seat.agentId()), seat.connectedTo(answered.callId(), answered.commandId(), now));
        } else if (outcome instanceof CallEnded ended && ended.agentId() != null) {
            seats.put(key(ended.agentId()), seatOf(ended.agentId()).releasing(ended.callId(), now));
        } else if (outcome instanceof CommandRejected rejected && rejected.agentId() != null) {
            AgentSeat seat = seatOf(rejected.agentId());
            if (!seat.connected() && rejected.commandId() != null && rejected.commandId().equals(seat.commandId())) {
                seats.put(key(seat.agentId()), new AgentSeat(seat.agentId(), null, null, false, now,
                        seat.released()));
            }
        }
    }

    private AgentSeat seatOf(int agentId) {
        AgentSeat seat = seats.get(key(agentId));
        return seat == null ? AgentSeat.free(agentId) : seat;
    }

    private static String key(int agentId) {
        return Topics.agentKey(agentId);
    }

    private void pass(AnswerCall answer) {
        context.forward(new Record<>(answer.callId(), SeatMessage.answer(answer), clock.millis()));
    }

    /** {@code agentStatus}: the agent's status in agent-directory when it is the reason, else null. */
    private void reject(AnswerCall answer, RejectionCode code, String agentStatus) {
        log.info("Rejecting answer_call {} for call {} from {}: {}", answer.eventId(), answer.callId(),
                answer.requestedBy(), code.code());
        CommandRejected rejected = CommandRejected.worded(answer.callId(), answer.eventId(), AnswerCallRequest.EVENT,
                answer.requestedBy(), code, answer.agentId(), agentStatus);
        context.forward(new Record<>(answer.callId(), SeatMessage.outcome(rejected), clock.millis()));
    }
}
