package io.callcenter.gateway;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.crm.CrmError;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.model.events.RejectionCode;
import io.callcenter.model.serde.CallCommandDeserializer;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.TopicRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.callcenter.gateway.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances on one broker, as in production behind a load balancer: a CRM on A answers, CRMs on A and B
 * all get {@code call_answered}; the loser of the race on B gets its {@code error}, nobody else does.
 */
@RealInfrastructure
class TwoInstancesTest {
    private static GatewayInstance a;
    private static GatewayInstance b;

    @BeforeAll
    static void startGateways() {
        a = SharedGateways.first();
        b = SharedGateways.second();
    }

    @Test
    void bothInstancesDeliverEveryEventAndARejectionReachesOnlyTheSocketThatSentTheCommand() throws Exception {
        try (TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                new CallCommandDeserializer());
             JavaCrmClient onA = JavaCrmClient.websocketOnly(a.url()).awaitConnected();
             JavaCrmClient winnerOnB = JavaCrmClient.connect(b.url()).awaitConnected();
             JavaCrmClient loserOnB = JavaCrmClient.pollingOnly(b.url()).awaitConnected()) {
            List<JavaCrmClient> everyone = List.of(onA, winnerOnB, loserOnB);
            everyone.forEach(JavaCrmClient::join);
            String callId = TestEvents.newCallId();
            TestEvents.publish(TestEvents.incoming(callId));
            everyone.forEach(crm -> crm.awaitEvent("incoming_call_to_crm",
                    d -> d.get("callId").asString().equals(callId)));

            onA.emit("answer_call", "{\"callId\":\"" + callId + "\",\"agentId\":11,\"source\":\"crm_system\"}");
            loserOnB.emit("answer_call", "{\"callId\":\"" + callId + "\",\"agentId\":12,\"source\":\"crm_system\"}");
            List<CallCommand> answers = commands.awaitValues(c -> c.callId().equals(callId), 2,
                    JavaCrmClient.TIMEOUT);
            assertThat(answers).extracting(CallCommand::requestedBy).containsExactlyInAnyOrder(
                    new RequestedBy(a.instanceId(), onA.id()), new RequestedBy(b.instanceId(), loserOnB.id()));

            // what call-ingest does: the first answer wins, the second is rejected back to its sender
            AnswerCall first = (AnswerCall) answers.stream()
                    .filter(c -> c.requestedBy().instanceId().equals(a.instanceId())).findFirst().orElseThrow();
            CallAnswered answered = TestEvents.answered(callId, first.agentId(), first.requestedBy());
            CommandRejected rejected = TestEvents.rejected(callId, b.instanceId(), loserOnB.id());
            TestEvents.publish(answered, rejected, TestEvents.ended(callId, "customer_hangup"));

            for (JavaCrmClient crm : everyone) {
                assertThat(crm.awaitEvent("call_answered", d -> d.get("call").get("callId").asString()
                        .equals(callId))).isEqualTo(json(answered.payload()));
                crm.awaitEvent("call_ended", d -> d.get("callId").asString().equals(callId));
            }
            assertThat(loserOnB.awaitEvent("error", d -> true))
                    .isEqualTo(json(new CrmError("already_answered", rejected.message(), "answer_call", callId)));
            // the rejection was published before call_ended, and each socket's events arrive in order
            assertThat(onA.named("error")).isEmpty();
            assertThat(winnerOnB.named("error")).isEmpty();
        }
    }

    @Test
    void aRejectionAddressedToTheSameSocketIdOnAnotherInstanceIsNotDelivered() {
        try (JavaCrmClient onA = JavaCrmClient.websocketOnly(a.url()).awaitConnected()) {
            onA.join();
            String callId = TestEvents.newCallId();
            // same call, same partition: delivered in this order if at all; the codes tell them apart
            CommandRejected forB = CommandRejected.of(callId, java.util.UUID.randomUUID(), "answer_call",
                    new RequestedBy(b.instanceId(), onA.id()), RejectionCode.CALL_ENDED, null);
            CommandRejected forA = CommandRejected.of(callId, java.util.UUID.randomUUID(), "answer_call",
                    new RequestedBy(a.instanceId(), onA.id()), RejectionCode.CALL_NOT_FOUND, null);

            TestEvents.publish(forB, forA);

            onA.awaitEvent("error", d -> d.get("code").asString().equals("call_not_found"));
            assertThat(onA.named("error")).extracting(r -> r.data().get("code").asString())
                    .containsExactly("call_not_found");
        }
    }
}
