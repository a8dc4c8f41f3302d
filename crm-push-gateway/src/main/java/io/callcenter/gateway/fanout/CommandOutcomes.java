package io.callcenter.gateway.fanout;

import io.callcenter.model.events.CallEvent;

/**
 * Told every outcome ({@code CallAnswered}, {@code CallEnded}, {@code CommandRejected}) of a command this instance
 * sent, after its broadcast has been handed to the sockets: the commands feature answers the waiting ack
 * ({@code commands.PendingAcks}). Owned here so that fanout/ does not depend on commands/.
 */
public interface CommandOutcomes {
    void settle(CallEvent outcome);
}
