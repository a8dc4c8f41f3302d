package io.callcenter.ingest.calls;

import io.callcenter.model.crm.AgentInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suggested agent of a new call comes from the agent events the topology reads, in agent-directory's routing
 * order: available agents only, longest idle first (the oldest status change), ties by agent id.
 */
class SuggestedAgentTopologyTest {
    private final LifecycleTopologyDriver topology = new LifecycleTopologyDriver(Duration.ofHours(4));

    @AfterEach
    void close() {
        topology.close();
    }

    @Test
    void nobodyIsSuggestedUntilAnAgentIsAvailable() {
        topology.agent(7, "away");
        topology.agent(8, "offline");

        assertThat(topology.availableAgents.longestIdle()).isNull();
        assertThat(topology.availableAgents.count()).isZero();
    }

    @Test
    void theLongestIdleAvailableAgentIsSuggestedWithItsDirectoryData() {
        topology.agent(12, "available");
        topology.advance(Duration.ofSeconds(5));
        topology.agent(11, "available");

        assertThat(topology.availableAgents.longestIdle())
                .isEqualTo(new AgentInfo(12, 10_012, "Agent 12", "available"));
        assertThat(topology.availableAgents.count()).isEqualTo(2);
    }

    @Test
    void anAgentLeavesTheListWhenBusyAndComesBackAtTheEndWhenAvailableAgain() {
        topology.agent(1, "available");
        topology.advance(Duration.ofSeconds(1));
        topology.agent(2, "available");
        topology.advance(Duration.ofSeconds(1));

        topology.agent(1, "busy", "call-1");
        assertThat(topology.availableAgents.longestIdle().id()).isEqualTo(2);

        topology.advance(Duration.ofSeconds(1));
        topology.agent(1, "available");
        assertThat(topology.availableAgents.longestIdle().id()).isEqualTo(2);
        assertThat(topology.availableAgents.count()).isEqualTo(2);
    }

    @Test
    void agentsWhoChangedAtTheSameInstantAreOrderedById() {
        topology.agent(5, "available");
        topology.agent(3, "available");

        assertThat(topology.availableAgents.longestIdle().id()).isEqualTo(3);
    }

    @Test
    void aTombstoneRemovesTheAgent() {
        topology.agent(4, "available");
        topology.agentRemoved(4);

        assertThat(topology.availableAgents.longestIdle()).isNull();
    }

    @Test
    void anAgentWhoAnsweredStaysSuggestedUntilAgentDirectoryReportsThemBusy() {
        topology.agent(9, "available");
        topology.ring("call-9");
        topology.answer("call-9", 9, new io.callcenter.model.RequestedBy("crm-a", "9"));

        assertThat(topology.events(io.callcenter.model.events.CallAnswered.class, "call-9")).hasSize(1);
        assertThat(topology.availableAgents.longestIdle().id()).isEqualTo(9);
    }
}
