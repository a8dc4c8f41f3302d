package io.callcenter.kit.observability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class CallMdcTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aScopeSetsTheCallTheAgentAndTheTraceAndRestoresWhatWasThere() {
        MDC.put(CallMdc.CALL_ID, "outer");
        try (CallMdc.Scope ignored = CallMdc.call("C1").agent(7)
                .traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")) {
            assertThat(MDC.get(CallMdc.CALL_ID)).isEqualTo("C1");
            assertThat(MDC.get(CallMdc.AGENT_ID)).isEqualTo("7");
            assertThat(MDC.get(CallMdc.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        }
        assertThat(MDC.get(CallMdc.CALL_ID)).isEqualTo("outer");
        assertThat(MDC.get(CallMdc.AGENT_ID)).isNull();
        assertThat(MDC.get(CallMdc.TRACE_ID)).isNull();
    }

    @Test
    void nullsAndMalformedTraceparentsLeaveTheMdcAlone() {
        try (CallMdc.Scope ignored = CallMdc.call(null).agent(null).traceparent("garbage")) {
            assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
        }
        assertThat(TraceHeaders.traceIdOf("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceHeaders.traceIdOf("00-short-01")).isNull();
        assertThat(TraceHeaders.traceIdOf(null)).isNull();
    }
}
