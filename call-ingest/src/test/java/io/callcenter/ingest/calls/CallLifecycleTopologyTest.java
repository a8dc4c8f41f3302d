package io.callcenter.ingest.calls;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.calls.CallEventsV1;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.crm.CallAnsweredToCrm;
import io.callcenter.model.crm.CallEndedToCrm;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.model.events.IncomingCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The call lifecycle (README, "Lifecycle rules") in the real topology under Kafka Streams' {@code TopologyTestDriver}: no broker,
 * a clock the test moves, each test in well under a second. The same rules against a real broker, through the
 * VoiceBot API and two gateways' commands: {@code CallLifecycleTest}, {@code RingTimeoutAndDeadServicesTest}.
 *
 * @see org.apache.kafka.streams.TopologyTestDriver
 */
class CallLifecycleTopologyTest {
    private static final RequestedBy GATEWAY = new RequestedBy("gateway-a", "socket-1");
    private static final RequestedBy OTHER_GATEWAY = new RequestedBy("gateway-b", "socket-2");

    private final LifecycleTopologyDriver topology = new LifecycleTopologyDriver(Duration.ofHours(4));

    @AfterEach
    void close() {
        topology.close();
    }

    @Test
    void aStartRingsTheCallOnceWithTheGuidesIncomingCallPayload() {
        topology.ring("C1");
        topology.ring("C1"); // a duplicate StartCall changes nothing

        assertThat(topology.events()).hasSize(1);
        IncomingCall incoming = topology.events(IncomingCall.class, "C1").get(0);
        IncomingCallToCrm payload = incoming.payload();
        assertThat(payload.callId()).isEqualTo("C1");
        assertThat(payload.callerNumber()).isEqualTo("0912345678");
        assertThat(payload.calledNumber()).isEqualTo("1900");
        assertThat(payload.status()).isEqualTo(IncomingCallToCrm.STATUS_RINGING);
        assertThat(payload.source()).isEqualTo("softphone");
        assertThat(payload.startTime()).isEqualTo("2026-12-01T08:00:00.000000");
        assertThat(payload.assignedAgent()).isNull();
        assertThat(payload.customerInfo()).isNull();
    }

    @Test
    void anAnswerConnectsTheRingingCallToTheAgentAndNamesItsCommand() {
        topology.agent(7, "available");
        topology.ring("C1");

        AnswerCall answer = topology.answer("C1", 7, GATEWAY);

        CallAnswered answered = topology.events(CallAnswered.class, "C1").get(0);
        assertThat(answered.agentId()).isEqualTo(7);
        assertThat(answered.commandId()).isEqualTo(answer.eventId());
        assertThat(answered.requestedBy()).isEqualTo(GATEWAY);
        assertThat(answered.payload().call().status()).isEqualTo(CallAnsweredToCrm.STATUS_CONNECTED);
        assertThat(answered.payload().call().agentInfo().id()).isEqualTo(7);
        assertThat(answered.payload().message()).isEqualTo(CallAnsweredToCrm.MESSAGE);
    }

    @Test
    void aSecondAnswerLosesWithAlreadyAnsweredAddressedToItsSender() {
        topology.agent(7, "available");
        topology.agent(8, "available");
        topology.ring("C1");

        AnswerCall first = topology.answer("C1", 7, GATEWAY);
        AnswerCall second = topology.answer("C1", 8, OTHER_GATEWAY);

        assertThat(topology.events(CallAnswered.class, "C1")).extracting(CallAnswered::agentId,
                CallAnswered::commandId).containsExactly(tuple(7, first.eventId()));
        assertThat(topology.events(CommandRejected.class, "C1"))
                .extracting(CommandRejected::commandId, CommandRejected::code, CommandRejected::requestedBy,
                        CommandRejected::agentId, CommandRejected::command)
                .containsExactly(tuple(second.eventId(), "already_answered", OTHER_GATEWAY, 8, "answer_call"));
    }

    @Test
    void anEndOfAConnectedCallReportsTheReasonTheDurationAndTheAgent() {
        topology.agent(7, "available");
        topology.ring("C1");
        topology.advance(Duration.ofSeconds(5));
        topology.answer("C1", 7, GATEWAY);
        topology.advance(Duration.ofSeconds(37));

        EndCall end = topology.end("C1", "customer_hangup", GATEWAY);

        CallEnded ended = topology.events(CallEnded.class, "C1").get(0);
        assertThat(ended.agentId()).isEqualTo(7);
        assertThat(ended.commandId()).isEqualTo(end.eventId());
        assertThat(ended.payload()).isEqualTo(CallEndedToCrm.of("C1", "customer_hangup", 42));
    }

    @Test
    void commandsForAnEndedOrUnknownCallAreRejectedWithTheirCodes() {
        topology.agent(7, "available");
        topology.ring("C1");
        topology.end("C1", "crm_reject", GATEWAY);

        EndCall againEnd = topology.end("C1", "crm_reject", GATEWAY);
        AnswerCall lateAnswer = topology.answer("C1", 7, GATEWAY);
        AnswerCall unknown = topology.answer("NOPE", 7, GATEWAY);

        assertThat(topology.events(CallEnded.class, "C1")).extracting(CallEnded::agentId).containsExactly((Integer) null);
        assertThat(topology.events(CommandRejected.class, null))
                .extracting(CommandRejected::callId, CommandRejected::commandId, CommandRejected::code)
                .containsExactly(tuple("C1", againEnd.eventId(), "call_ended"),
                        tuple("C1", lateAnswer.eventId(), "call_ended"),
                        tuple("NOPE", unknown.eventId(), "call_not_found"));
    }

    @Test
    void aCallNobodyAnswersEndsWithNoAnswerOnceTheWallClockPassesTheRingTimeout() {
        topology.ring("C1");

        topology.advance(LifecycleTopologyDriver.RING_TIMEOUT.minusSeconds(2));
        assertThat(topology.events(CallEnded.class, "C1")).as("still ringing before the timeout").isEmpty();

        topology.advance(Duration.ofSeconds(3));
        assertThat(topology.events(CallEnded.class, "C1")).extracting(CallEnded::agentId, e -> e.payload().endReason())
                .containsExactly(tuple(null, "no_answer"));
        assertThat(topology.events()).extracting(CallEvent::getClass)
                .containsExactly(IncomingCall.class, CallEnded.class);
    }

    @Test
    void everyEventIsAlsoPublishedToCallEventsV2AsDomainDataInTheSameOrder() {
        topology.agent(7, "available");
        topology.ring("C1");
        topology.answer("C1", 7, GATEWAY);
        topology.answer("C1", 8, OTHER_GATEWAY);
        topology.advance(Duration.ofSeconds(42));
        topology.end("C1", "customer_hangup", GATEWAY);
        topology.end("C1", "customer_hangup", GATEWAY);

        List<CallEvent> v1 = topology.events();
        List<io.callcenter.model.calls.CallEvent> v2 = topology.eventsV2();
        assertThat(v2).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("CallStarted", "CallAnswered", "CommandRejected", "CallEnded", "CommandRejected");
        assertThat(v2).extracting(io.callcenter.model.calls.CallEvent::eventId)
                .containsExactlyElementsOf(v1.stream().map(CallEvent::eventId).toList());
        assertThat(v2).allSatisfy(event -> assertThat(event.schemaVersion()).isEqualTo(2));
        // each v2 record renders back to exactly the v1 record: the gateway's CRMs see what they saw
        assertThat(v2.stream().map(CallEventsV1::toV1).toList()).isEqualTo(v1);
        io.callcenter.model.calls.CallEnded ended = (io.callcenter.model.calls.CallEnded) v2.get(3);
        assertThat(ended.durationSeconds()).isEqualTo(42);
        assertThat(ended.endReason()).isEqualTo("customer_hangup");
        assertThat(((io.callcenter.model.calls.CallStarted) v2.get(0)).startedAt()).isEqualTo(
                LifecycleTopologyDriver.T0);
    }
}
