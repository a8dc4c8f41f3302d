package io.callcenter.gateway.fanout;

import io.callcenter.gateway.GatewayProperties;
import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.gateway.socket.ClientState;
import io.callcenter.gateway.socket.ConnectedClients;
import io.callcenter.gateway.socket.EventSender;
import io.callcenter.gateway.socket.OutboundEvent;
import io.callcenter.gateway.socket.Recovery;
import io.callcenter.gateway.socket.RecoveryLog;
import io.callcenter.model.RequestedBy;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.crm.AgentStatusUpdate;
import io.callcenter.model.crm.CallAnsweredToCrm;
import io.callcenter.model.crm.CallEndedToCrm;
import io.callcenter.model.crm.CrmError;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.crm.JoinedCallCenter;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.model.events.IncomingCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies each call and agent event to this instance's views and delivers it to the joined clients, each broadcast
 * encoded once. A join is served under the same lock: {@code joined_call_center}, then the calls answered or ended
 * within the recovery window, then every ringing call, then the client counts as joined; so a call that starts ringing during a join is sent exactly once, after the snapshot.
 * A {@link CommandRejected} goes only to the socket named in its {@code requestedBy}, on the instance named there.
 * The consumer hands over one poll at a time ({@link #batch}): its broadcasts are collected and sent together, in
 * topic order, still under the lock (so no join falls between an event and its sending), as one write per
 * event loop ({@link EventSender#broadcast}). Anything sent to a single socket first sends what is collected, so
 * order holds for that socket too.
 */
@Component
public class FanoutDispatcher implements Recovery {
    private static final Logger log = LoggerFactory.getLogger(FanoutDispatcher.class);

    private final Object lock = new Object();
    private final ActiveCalls calls;
    private final AgentStatuses agents;
    private final ConnectedClients clients;
    private final EventSender sender;
    private final GatewayMetrics metrics;
    private final CommandOutcomes pendingAcks;
    private final String instanceId;
    /** Broadcasts of the current batch not yet sent; guarded by {@link #lock}. */
    private final List<OutboundEvent> pending = new ArrayList<>();
    private final List<Instant> pendingOccurredAt = new ArrayList<>();
    /** The recovery offset of each pending broadcast (when recovery is on); guarded by {@link #lock}. */
    private final List<String> pendingOffsets = new ArrayList<>();
    private final RecoveryLog recoveryLog;
    private boolean batching;

    public FanoutDispatcher(ActiveCalls calls, AgentStatuses agents, ConnectedClients clients, EventSender sender,
                            GatewayMetrics metrics, GatewayProperties properties, CommandOutcomes pendingAcks,
                            RecoveryLog recoveryLog) {
        this.pendingAcks = pendingAcks;
        this.recoveryLog = recoveryLog;
        this.calls = calls;
        this.agents = agents;
        this.clients = clients;
        this.sender = sender;
        this.metrics = metrics;
        this.instanceId = properties.instanceId();
    }

    /** Runs the handling of one poll's records; the broadcasts they make are sent together when it returns. */
    void batch(Runnable handling) {
        synchronized (lock) {
            batching = true;
            try {
                handling.run();
            } finally {
                batching = false;
                sendPending();
            }
        }
    }

    /** An event from before this instance started: it only updates the views. */
    void replay(Object event) {
        synchronized (lock) {
            if (event instanceof CallEvent call) {
                calls.apply(call);
            } else if (event instanceof AgentEvent agent) {
                agents.apply(agent);
            }
        }
    }

    void live(Object event) {
        synchronized (lock) {
            if (event instanceof CallEvent call) {
                calls.applyLive(call);
                deliver(call);
            } else if (event instanceof AgentStatusChanged agent) {
                agents.apply(agent);
                broadcast(AgentStatusUpdate.EVENT, agent.toCrm(), agent.occurredAt());
            }
        }
    }

    private void deliver(CallEvent event) {
        if (event instanceof IncomingCall incoming) {
            broadcast(IncomingCallToCrm.EVENT, incoming.payload(), incoming.occurredAt());
        } else if (event instanceof CallAnswered answered) {
            broadcast(CallAnsweredToCrm.EVENT, answered.payload(), answered.occurredAt());
        } else if (event instanceof CallEnded ended) {
            broadcast(CallEndedToCrm.EVENT, ended.payload(), ended.occurredAt());
        } else if (event instanceof CommandRejected rejected) {
            routeRejection(rejected);
        }
        settleAck(event);
    }

    /** The outcome of a command sent from this instance answers its sender's ack (after the broadcast above). */
    private void settleAck(CallEvent event) {
        RequestedBy by = event instanceof CallAnswered a ? a.requestedBy() : event instanceof CallEnded e
                ? e.requestedBy() : event instanceof CommandRejected r ? r.requestedBy() : null;
        if (by != null && instanceId.equals(by.instanceId())) {
            sendPending(); // the broadcast reaches the sockets before the ack does
            pendingAcks.settle(event);
        }
    }

    /** The pending broadcasts again, each with its recovery offset as last argument, to the sockets that asked. */
    private void broadcastWithOffsets(List<ClientState> recoverable) {
        List<OutboundEvent> withOffsets = new ArrayList<>(pending.size());
        try {
            for (int i = 0; i < pending.size(); i++) {
                OutboundEvent event = pending.get(i);
                withOffsets.add(OutboundEvent.withOffset(event.name(), event.json(), pendingOffsets.get(i)));
            }
            sender.broadcast(withOffsets, recoverable);
        } finally {
            withOffsets.forEach(OutboundEvent::close);
        }
    }

    @Override
    public boolean recover(ClientState client, Object offset, boolean wasJoined, Runnable accepted) {
        synchronized (lock) {
            List<RecoveryLog.Entry> missed = recoveryLog.after(offset).orElse(null);
            if (missed == null) {
                return false;
            }
            accepted.run();
            List<OutboundEvent> events = new ArrayList<>(missed.size());
            try {
                for (RecoveryLog.Entry entry : missed) {
                    events.add(OutboundEvent.withOffset(entry.name(), entry.json(), entry.offset()));
                }
                sender.broadcast(events, List.of(client));
            } finally {
                events.forEach(OutboundEvent::close);
            }
            if (wasJoined) {
                client.markJoined();
            }
            return true;
        }
    }

    /**
     * Serves {@code join_call_center}: the answer; then every call answered or ended within the recovery window, as
     * the {@code call_answered} / {@code call_ended} it was sent live (the same payload, from the event); then every
     * ringing call; and from then on every live event. Finals first, so a CRM that was disconnected hides the
     * popups of calls that stopped ringing meanwhile and ends showing exactly the calls still ringing.
     */
    public void join(ClientState client, String userType) {
        synchronized (lock) {
            sendOne(client, JoinedCallCenter.EVENT, JoinedCallCenter.of(userType));
            ActiveCalls.JoinSnapshot snapshot = calls.joinSnapshot(
                    client.client().getTransport() == com.corundumstudio.socketio.Transport.POLLING);
            if (snapshot.leftOut() > 0) {
                log.info("Join of {} on long-polling: the {} oldest of {} recent answered/ended calls not sent "
                        + "(slow-client.max-polling-queue)", client.socketId(), snapshot.leftOut(),
                        snapshot.leftOut() + snapshot.finals().size());
            }
            if (!snapshot.encodedFinals().isEmpty()) {
                // each final encoded once for every join, and sent as one batch (one write per 64 events)
                sendPending();
                sender.broadcast(snapshot.encodedFinals(), List.of(client));
            }
            for (IncomingCallToCrm ringing : snapshot.ringing()) {
                sendOne(client, IncomingCallToCrm.EVENT, ringing);
            }
            client.markJoined();
        }
    }

    private void broadcast(String name, Object payload, Instant occurredAt) {
        OutboundEvent event = OutboundEvent.encode(name, payload, metrics);
        pending.add(event);
        pendingOccurredAt.add(occurredAt);
        if (recoveryLog.enabled()) {
            pendingOffsets.add(recoveryLog.append(name, event.json()));
        }
        if (!batching) {
            sendPending();
        }
    }

    private void sendPending() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            List<ClientState> plain = new ArrayList<>();
            List<ClientState> recoverable = new ArrayList<>();
            for (ClientState client : joinedClients()) {
                (client.pid() == null ? plain : recoverable).add(client);
            }
            sender.broadcast(pending, plain);
            if (!recoverable.isEmpty()) {
                broadcastWithOffsets(recoverable);
            }
        } catch (RuntimeException e) {
            log.error("Failed to deliver {} event(s) to the joined clients", pending.size(), e);
        } finally {
            pending.forEach(OutboundEvent::close); // each event loop's task holds its own reference to the frames
            pending.clear();
            pendingOffsets.clear();
            pendingOccurredAt.forEach(metrics::emitted);
            pendingOccurredAt.clear();
        }
    }

    private List<ClientState> joinedClients() {
        List<ClientState> joined = new ArrayList<>();
        for (ClientState client : clients.all()) {
            if (client.joined()) {
                joined.add(client);
            }
        }
        return joined;
    }

    private void routeRejection(CommandRejected rejected) {
        if (rejected.requestedBy() == null || !instanceId.equals(rejected.requestedBy().instanceId())) {
            return; // another instance's socket, or not from a socket at all
        }
        ClientState client = clients.bySocketId(rejected.requestedBy().socketId());
        if (client == null) {
            log.info("Rejection of {} for call {} not delivered: socket {} is gone", rejected.command(),
                    rejected.callId(), rejected.requestedBy().socketId());
            return;
        }
        sendOne(client, CrmError.EVENT,
                new CrmError(rejected.code(), rejected.message(), rejected.command(), rejected.callId()));
    }

    private void sendOne(ClientState client, String name, Object payload) {
        sendPending(); // what this batch broadcast so far goes first
        try (OutboundEvent event = OutboundEvent.encode(name, payload, metrics)) {
            sender.send(client, event);
        }
    }
}
