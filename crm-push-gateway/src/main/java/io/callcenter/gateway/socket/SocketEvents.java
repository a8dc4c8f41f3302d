package io.callcenter.gateway.socket;

import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import io.callcenter.gateway.auth.LogSafe;
import io.callcenter.gateway.commands.AckReply;
import io.callcenter.gateway.commands.CommandProblem;
import io.callcenter.gateway.commands.CommandRelay;
import io.callcenter.gateway.commands.CommandValidator;
import io.callcenter.gateway.fanout.FanoutDispatcher;
import io.callcenter.gateway.nettysocketio.NettySocketIo;
import io.callcenter.model.crm.AnswerCallRequest;
import io.callcenter.model.crm.EndCallRequest;
import io.callcenter.model.crm.JoinCallCenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;

/**
 * The guide's client events and what each does: {@code join_call_center} (answer plus resync of ringing calls, then
 * live events), {@code answer_call} / {@code end_call} (relayed as commands), anything else refused with
 * {@code unknown_event}. Payloads arrive untyped so that each wrong field can be named.
 */
@Component
public class SocketEvents {
    public static final Set<String> HANDLED = Set.of(JoinCallCenter.EVENT, AnswerCallRequest.EVENT,
            EndCallRequest.EVENT);
    static final String DEFAULT_USER_TYPE = "crm_system";
    private static final Logger log = LoggerFactory.getLogger(SocketEvents.class);

    private final ConnectedClients clients;
    private final FanoutDispatcher dispatcher;
    private final CommandRelay relay;
    private ConnectGate gate;

    public SocketEvents(ConnectedClients clients, FanoutDispatcher dispatcher, CommandRelay relay) {
        this.clients = clients;
        this.dispatcher = dispatcher;
        this.relay = relay;
    }

    void register(SocketIOServer server, ConnectGate connectGate) {
        this.gate = connectGate;
        server.addConnectListener(client -> {
            log.debug("Session {} bound from {} over {}", client.getSessionId(), client.getRemoteAddress(),
                    client.getTransport());
            gate.transportConnected(client);
        });
        server.addDisconnectListener(client -> {
            ClientState state = clients.get(client.getSessionId());
            clients.remove(client.getSessionId());
            gate.disconnected(client, state);
        });
        server.addEventListener(JoinCallCenter.EVENT, Object.class, (client, payload, ack) ->
                withState(client, state -> join(state, payload, ack)));
        server.addEventListener(AnswerCallRequest.EVENT, Object.class, (client, payload, ack) ->
                withState(client, state -> relay.answerCall(state, payload, ack)));
        server.addEventListener(EndCallRequest.EVENT, Object.class, (client, payload, ack) ->
                withState(client, state -> relay.endCall(state, payload, ack)));
        server.addEventListener(NettySocketIo.UNKNOWN_EVENT, String.class, (client, name, ack) ->
                withState(client, state -> relay.refuse(state, name, null, ack, new CommandProblem(
                        CommandProblem.UNKNOWN_EVENT, "unknown event '" + name + "'; the gateway handles "
                        + String.join(", ", HANDLED.stream().sorted().toList())))));
    }

    /**
     * Serves a join unless the socket is over its rate limit or the payload is not the guide's shape (a JSON object
     * whose {@code userType}, when present, is a 1-64 character string; no payload at all is taken as the default
     * {@code crm_system}); a refused join leaves the socket not joined.
     */
    private void join(ClientState state, Object payload, AckRequest ack) {
        if (!relay.withinRateLimit(state, JoinCallCenter.EVENT, null, ack)) {
            return;
        }
        String userType = DEFAULT_USER_TYPE;
        if (payload != null && !(payload instanceof Map<?, ?>)) {
            relay.refuse(state, JoinCallCenter.EVENT, null, ack, new CommandProblem(CommandProblem.INVALID_PAYLOAD,
                    "join_call_center payload must be a JSON object {userType, userId, clientInfo}, got "
                            + CommandValidator.describe(payload)));
            return;
        }
        if (payload instanceof Map<?, ?> fields && fields.get("userType") != null) {
            Object value = fields.get("userType");
            if (!(value instanceof String text) || text.isBlank() || text.length() > 64) {
                relay.refuse(state, JoinCallCenter.EVENT, null, ack, new CommandProblem(CommandProblem.INVALID_FIELD,
                        "field 'userType' must be a string of 1-64 characters, got " + (value instanceof String text
                                ? text.length() + " characters" : CommandValidator.describe(value))));
                return;
            }
            userType = text;
        }
        if (payload instanceof Map<?, ?> fields) {
            log.info("Socket {} ({}) joined as {} (userId {}, clientInfo {})", state.socketId(),
                    state.identity().describe(), LogSafe.text(userType), LogSafe.text(fields.get("userId")),
                    LogSafe.text(fields.get("clientInfo")));
        }
        state.userType(userType);
        dispatcher.join(state, userType);
        if (ack != null && ack.isAckRequested()) {
            ack.sendAckData(OutboundEvent.rawJson(AckReply.OK));
        }
    }

    /**
     * Runs a handler for a registered socket only. {@link ConnectGate} lets no event of an unconnected session through,
     * so an unregistered one is never expected; should one come, it is dropped, never served.
     */
    private void withState(SocketIOClient client, java.util.function.Consumer<ClientState> action) {
        ClientState state = clients.get(client.getSessionId());
        if (state == null) {
            log.warn("Dropped an event of session {}, which has not completed a namespace connect",
                    client.getSessionId());
            return;
        }
        action.accept(state);
    }
}
