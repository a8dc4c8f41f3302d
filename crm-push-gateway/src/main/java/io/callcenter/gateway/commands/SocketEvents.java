package io.callcenter.gateway.commands;

import com.corundumstudio.socketio.AckRequest;
import io.callcenter.gateway.auth.LogSafe;
import io.callcenter.gateway.fanout.FanoutDispatcher;
import io.callcenter.gateway.socket.ClientEvents;
import io.callcenter.gateway.socket.ClientState;
import io.callcenter.gateway.socket.OutboundEvent;
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
 * {@code unknown_event}. Payloads arrive untyped so that each wrong field can be named. The socket package routes
 * them here ({@link ClientEvents}) once the socket has completed its namespace connect.
 */
@Component
class SocketEvents implements ClientEvents {
    static final Set<String> HANDLED = Set.of(JoinCallCenter.EVENT, AnswerCallRequest.EVENT,
            EndCallRequest.EVENT);
    static final String DEFAULT_USER_TYPE = "crm_system";
    private static final Logger log = LoggerFactory.getLogger(SocketEvents.class);

    private final FanoutDispatcher dispatcher;
    private final CommandRelay relay;

    SocketEvents(FanoutDispatcher dispatcher, CommandRelay relay) {
        this.dispatcher = dispatcher;
        this.relay = relay;
    }

    @Override
    public Set<String> names() {
        return HANDLED;
    }

    @Override
    public void on(String event, ClientState state, Object payload, AckRequest ack) {
        switch (event) {
            case JoinCallCenter.EVENT -> join(state, payload, ack);
            case AnswerCallRequest.EVENT -> relay.answerCall(state, payload, ack);
            case EndCallRequest.EVENT -> relay.endCall(state, payload, ack);
            default -> unknown(event, state, ack);
        }
    }

    @Override
    public void unknown(String name, ClientState state, AckRequest ack) {
        relay.refuse(state, name, null, ack, new CommandProblem(CommandProblem.UNKNOWN_EVENT, "unknown event '" + name
                + "'; the gateway handles " + String.join(", ", HANDLED.stream().sorted().toList())));
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
}
