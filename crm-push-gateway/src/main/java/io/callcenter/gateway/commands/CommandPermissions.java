package io.callcenter.gateway.commands;

import io.callcenter.gateway.auth.Identity;
import io.callcenter.gateway.fanout.ActiveCalls;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.commands.EndCall;

import java.time.Clock;

/**
 * What a socket's identity may command, checked after the payload is valid and before anything is published:
 * <ul>
 * <li>an expired token: nothing ({@code token_expired}; the socket is being disconnected anyway);</li>
 * <li>{@code crm_system}: answer and end for any agent (the guide's CRM picks the agent from a list);</li>
 * <li>{@code agent}: answer only as its own {@code agentId}, end only a call this gateway knows as connected to that
 * agent (a call still ringing, or connected to another agent, is {@code forbidden}; so is one whose answer this
 * instance has not consumed yet: the agent retries);</li>
 * <li>no role, or an unknown one: nothing ({@code forbidden}).</li>
 * </ul>
 */
final class CommandPermissions {
    private final ActiveCalls calls;
    private final Clock clock;

    CommandPermissions(ActiveCalls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    /** Null when the identity may send the command; otherwise why not. */
    CommandProblem check(Identity identity, CallCommand command) {
        if (identity.expiredAt(clock.instant())) {
            return new CommandProblem(CommandProblem.TOKEN_EXPIRED, "the token expired; connect again with a new one");
        }
        return switch (identity.role()) {
            case CRM_SYSTEM -> null;
            case AGENT -> checkAgent(identity.agentId(), command);
            case NONE -> forbidden("the token has no role that may command calls (crm_system or agent)");
        };
    }

    private CommandProblem checkAgent(int agentId, CallCommand command) {
        if (command instanceof AnswerCall answer && answer.agentId() != agentId) {
            return forbidden("an agent token for agent " + agentId + " may answer only as that agent, not as "
                    + answer.agentId());
        }
        if (command instanceof EndCall end) {
            Integer connectedAgent = calls.agentOf(end.callId());
            if (connectedAgent == null || connectedAgent != agentId) {
                return forbidden("an agent token for agent " + agentId + " may end only a call connected to that "
                        + "agent; call '" + end.callId() + "' is not");
            }
        }
        return null;
    }

    private static CommandProblem forbidden(String message) {
        return new CommandProblem(CommandProblem.FORBIDDEN, message);
    }
}
