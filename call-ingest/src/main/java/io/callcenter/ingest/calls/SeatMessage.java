package io.callcenter.ingest.calls;

import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.events.CallEvent;

/**
 * What travels on the agent-keyed repartition topic to {@link AgentSeatProcessor}, and from it: an
 * {@code AnswerCall} ({@code answer}) to decide or that was let through, or an outcome ({@code outcome}): the
 * lifecycle's {@code CallAnswered} / {@code CallEnded} / {@code CommandRejected} for the seat on the way in, the
 * seat's own {@code CommandRejected} on the way out. Exactly one of the two is set.
 */
record SeatMessage(AnswerCall answer, CallEvent outcome) {

    static SeatMessage answer(AnswerCall answer) {
        return new SeatMessage(answer, null);
    }

    static SeatMessage outcome(CallEvent outcome) {
        return new SeatMessage(null, outcome);
    }
}
