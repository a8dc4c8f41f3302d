package io.callcenter.ingest.calls;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CommandRejected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One agent, one call, decided by {@link AgentSeatProcessor} in the real topology (TopologyTestDriver): the agent
 * table is left saying {@code available} throughout, as it does while agent-directory lags or is down, so every
 * {@code agent_busy} here comes from the seats, not from the table.
 */
class AgentSeatTopologyTest {
    private static final RequestedBy GATEWAY_A = new RequestedBy("gateway-a", "socket-a1");
    private static final RequestedBy GATEWAY_B = new RequestedBy("gateway-b", "socket-b1");
    private static final RequestedBy GATEWAY_A2 = new RequestedBy("gateway-a", "socket-a2");

    private final LifecycleTopologyDriver topology = new LifecycleTopologyDriver(Duration.ofHours(4));

    @AfterEach
    void close() {
        topology.close();
    }

    @Test
    void threeRingingCallsAnsweredForOneAgentThroughTwoGatewaysConnectOneAndRejectTwoAsAgentBusy() {
        topology.agent(7, "available");
        List.of("C1", "C2", "C3").forEach(topology::ring);

        AnswerCall first = topology.answer("C1", 7, GATEWAY_A);
        AnswerCall second = topology.answer("C2", 7, GATEWAY_B);
        AnswerCall third = topology.answer("C3", 7, GATEWAY_A2);

        List<CallAnswered> answered = topology.events(CallAnswered.class, null);
        assertThat(answered).extracting(CallAnswered::callId, CallAnswered::agentId, CallAnswered::commandId)
                .containsExactly(tuple("C1", 7, first.eventId()));
        assertThat(topology.events(CommandRejected.class, null))
                .extracting(CommandRejected::callId, CommandRejected::commandId, CommandRejected::code,
                        CommandRejected::requestedBy, CommandRejected::agentId)
                .containsExactly(tuple("C2", second.eventId(), "agent_busy", GATEWAY_B, 7),
                        tuple("C3", third.eventId(), "agent_busy", GATEWAY_A2, 7));
    }

    @Test
    void theSameAgentAnsweringAfterItsCallEndedWinsEvenWhileTheAgentTableStillSaysBusyForThatCall() {
        topology.agent(7, "available");
        topology.ring("C1");
        topology.ring("C2");
        topology.answer("C1", 7, GATEWAY_A);
        topology.agent(7, "busy", "C1"); // agent-directory consumed the answer
        EndCall hangUp = topology.end("C1", "customer_hangup", GATEWAY_A);
        // agent-directory has not consumed the end yet: its table still says busy with C1

        AnswerCall next = topology.answer("C2", 7, GATEWAY_B);

        assertThat(topology.events(CallEnded.class, "C1")).extracting(CallEnded::agentId, CallEnded::commandId)
                .containsExactly(tuple(7, hangUp.eventId()));
        assertThat(topology.events(CallAnswered.class, "C2")).extracting(CallAnswered::agentId,
                CallAnswered::commandId).containsExactly(tuple(7, next.eventId()));
        assertThat(topology.events(CommandRejected.class, null)).isEmpty();
    }

    @Test
    void tenRacersOnOneCallGetOneWinnerAndNineAlreadyAnsweredAndTheLosersAgentsStayFree() {
        topology.ring("RACE");
        List<AnswerCall> racers = new ArrayList<>();
        for (int agent = 1; agent <= 10; agent++) {
            topology.agent(agent, "available");
        }
        for (int agent = 1; agent <= 10; agent++) {
            racers.add(topology.answer("RACE", agent, new RequestedBy("gateway-" + agent % 2, "socket-" + agent)));
        }
        // the same agent named by a second racer is told the call is taken, not that the agent is busy
        AnswerCall sameAgentAgain = topology.answer("RACE", 1, GATEWAY_B);

        assertThat(topology.events(CallAnswered.class, "RACE")).extracting(CallAnswered::commandId)
                .containsExactly(racers.get(0).eventId());
        List<CommandRejected> rejected = topology.events(CommandRejected.class, "RACE");
        assertThat(rejected).hasSize(10).extracting(CommandRejected::code).containsOnly("already_answered");
        List<java.util.UUID> losers = new ArrayList<>(racers.subList(1, 10).stream().map(AnswerCall::eventId).toList());
        losers.add(sameAgentAgain.eventId());
        assertThat(rejected).extracting(CommandRejected::commandId).containsExactlyElementsOf(losers);

        topology.ring("NEXT");
        topology.answer("NEXT", 2, GATEWAY_A);
        assertThat(topology.events(CallAnswered.class, "NEXT")).extracting(CallAnswered::agentId).containsExactly(2);
    }

    @Test
    void awayOfflineUnknownAndBusyInTheDirectoryAreRejectedWithTheirCodes() {
        topology.ring("C1");
        topology.agent(21, "away");
        topology.agent(22, "offline");
        topology.agent(23, "busy"); // busy by hand, on no call this system knows of

        topology.answer("C1", 21, GATEWAY_A);
        topology.answer("C1", 22, GATEWAY_A);
        topology.answer("C1", 23, GATEWAY_A);
        topology.answer("C1", 24, GATEWAY_A);

        assertThat(topology.events(CommandRejected.class, "C1"))
                .extracting(CommandRejected::agentId, CommandRejected::code, CommandRejected::message)
                .containsExactly(tuple(21, "agent_unavailable", "agent 21 is away"),
                        tuple(22, "agent_unavailable", "agent 22 is offline"),
                        tuple(23, "agent_busy", "agent 23 is busy"),
                        tuple(24, "agent_not_found", "agent 24 does not exist"));
        assertThat(topology.events(CallAnswered.class, "C1")).isEmpty();
        // v2 carries the reason as data: the agent's status in the directory, no sentence
        assertThat(topology.eventsV2()).filteredOn(io.callcenter.model.calls.CommandRejected.class::isInstance)
                .map(io.callcenter.model.calls.CommandRejected.class::cast)
                .extracting(r -> r.agentId(), r -> r.code(), r -> r.agentStatus())
                .containsExactly(tuple(21, "agent_unavailable", "away"), tuple(22, "agent_unavailable", "offline"),
                        tuple(23, "agent_busy", "busy"), tuple(24, "agent_not_found", null));
    }

    @Test
    void aRejectedReservationFreesTheAgentAtOnce() {
        topology.agent(7, "available");
        topology.ring("C2");

        topology.answer("GONE", 7, GATEWAY_A); // no such call: reserved, then rejected by the lifecycle
        topology.answer("C2", 7, GATEWAY_B);

        assertThat(topology.events(CommandRejected.class, "GONE")).extracting(CommandRejected::code)
                .containsExactly("call_not_found");
        assertThat(topology.events(CallAnswered.class, "C2")).extracting(CallAnswered::agentId).containsExactly(7);
    }

    @Test
    void aCallConnectedPastTheMaximumDurationEndsWithMaxDurationAndFreesItsAgent() {
        topology.agent(7, "available");
        topology.ring("LONG");
        topology.answer("LONG", 7, GATEWAY_A);

        topology.advance(Duration.ofHours(4).minusSeconds(2));
        assertThat(topology.events(CallEnded.class, "LONG")).isEmpty();
        topology.ring("DURING");
        topology.answer("DURING", 7, GATEWAY_B);
        assertThat(topology.events(CommandRejected.class, "DURING")).extracting(CommandRejected::code)
                .containsExactly("agent_busy");

        topology.advance(Duration.ofSeconds(2));
        topology.ring("AFTER");

        List<CallEnded> ended = topology.events(CallEnded.class, "LONG");
        assertThat(ended).extracting(CallEnded::agentId, CallEnded::commandId).containsExactly(tuple(7, null));
        assertThat(ended.get(0).payload().endReason()).isEqualTo("max_duration");
        assertThat(ended.get(0).payload().duration()).isEqualTo(Duration.ofHours(4).toSeconds());
        topology.answer("AFTER", 7, GATEWAY_B);
        assertThat(topology.events(CallAnswered.class, "AFTER")).extracting(CallAnswered::agentId)
                .containsExactly(7);
    }
}
