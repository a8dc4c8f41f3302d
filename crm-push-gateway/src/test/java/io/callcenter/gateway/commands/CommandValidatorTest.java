package io.callcenter.gateway.commands;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.EndCall;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandValidatorTest {
    private static final RequestedBy BY = new RequestedBy("gw-1", "socket-1");

    @Test
    void theGuidesAnswerCallBecomesAnAnswerCallCommandFromThisSocket() {
        CommandValidator.Result result = CommandValidator.answerCall(
                Map.of("callId", "CALL_12345", "agentId", 123, "source", "crm_system"), BY);

        AnswerCall command = (AnswerCall) result.command();
        assertThat(result.problem()).isNull();
        assertThat(command.callId()).isEqualTo("CALL_12345");
        assertThat(command.agentId()).isEqualTo(123);
        assertThat(command.source()).isEqualTo("crm_system");
        assertThat(command.requestedBy()).isEqualTo(BY);
    }

    @Test
    void theGuidesEndCallBecomesAnEndCallCommandAndDefaultsAreFilledIn() {
        EndCall full = (EndCall) CommandValidator.endCall(
                Map.of("callId", "CALL_12345", "endReason", "crm_reject", "source", "crm_system"), BY).command();
        EndCall bare = (EndCall) CommandValidator.endCall(Map.of("callId", "CALL_12345"), BY).command();

        assertThat(full.endReason()).isEqualTo("crm_reject");
        assertThat(bare.endReason()).isEqualTo("crm_reject");
        assertThat(bare.source()).isEqualTo("crm_system");
    }

    @Test
    void anAgentIdThatIsAStringAFractionTooLargeOrNotPositiveIsRefusedNamingTheField() {
        for (Object agentId : List.of("123", 1.5, -1, 0, 3_000_000_000L, new BigInteger("99999999999999999999"),
                true)) {
            Map<String, Object> payload = new HashMap<>(Map.of("callId", "CALL_1"));
            payload.put("agentId", agentId);
            CommandProblem problem = CommandValidator.answerCall(payload, BY).problem();
            assertThat(problem).as("agentId %s", agentId).isNotNull();
            assertThat(problem.code()).isEqualTo(CommandProblem.INVALID_FIELD);
            assertThat(problem.message()).contains("'agentId'");
        }
    }

    @Test
    void aCallIdThatIsNotASafeShortStringIsRefusedNamingTheField() {
        for (Object callId : List.of(12, "", "X".repeat(65), "CALL 1", "CALL_1<script>", List.of("CALL_1"))) {
            CommandProblem problem = CommandValidator.endCall(Map.of("callId", callId), BY).problem();
            assertThat(problem).as("callId %s", callId).isNotNull();
            assertThat(problem.message()).contains("'callId'");
        }
        assertThat(CommandValidator.answerCall(Map.of("callId", "X".repeat(64) , "agentId", 1), BY).problem())
                .isNull();
        assertThat(CommandValidator.answerCall(Map.of("callId", "a:b.c-d_E9", "agentId", 1), BY).problem())
                .isNull();
    }

    @Test
    void aPayloadThatIsNotAnObjectIsRefusedAsInvalidPayload() {
        for (Object payload : new Object[]{null, "CALL_1", 5, List.of()}) {
            CommandProblem problem = CommandValidator.answerCall(payload, BY).problem();
            assertThat(problem.code()).as("payload %s", payload).isEqualTo(CommandProblem.INVALID_PAYLOAD);
            assertThat(problem.message()).contains("JSON object");
        }
    }

    @Test
    void theCallIdOfARefusedCommandIsReportedOnlyWhenItIsUsable() {
        assertThat(CommandValidator.callIdOf(Map.of("callId", "CALL_1"))).isEqualTo("CALL_1");
        assertThat(CommandValidator.callIdOf(Map.of("callId", "bad id"))).isNull();
        assertThat(CommandValidator.callIdOf("CALL_1")).isNull();
    }
}
