package io.callcenter.agents;

import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bad setting stops the service at start-up with a message naming it, rather than misbehaving later (a batch size of
 * 0 made the relay drain loop forever; a send timeout shorter than the producer's delivery timeout publishes
 * duplicates). Each case starts the real application in a schema of its own.
 */
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class StartUpSettingsTest {

    /** Boot names a nested record's setting by its Java path (batchSize), which relaxed binding also accepts. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "outbox.batch-size               | 0   | outbox.batchSize               | must be greater than 0",
            "outbox.poll-interval            | 0s  | outbox.pollInterval            | must be longer than or equal to 1",
            "outbox.send-timeout             | 0s  | outbox.sendTimeout             | must be longer than or equal to 1",
            "outbox.retention                | -1d | outbox.retention               | must be longer than or equal to 1",
            "call-events.processed-retention | 0s  | callEvents.processedRetention  | must be longer than or equal to 1",
            "housekeeping.interval           | 0s  | housekeeping.interval          | must be longer than or equal to 1",
            "housekeeping.initial-delay      | -1s | housekeeping.initialDelay      | must be longer than or equal to 0"})
    void aSettingOutOfRangeFailsStartUpNamingIt(String setting, String value, String reportedAs, String reason,
                                                CapturedOutput output) {
        try (IsolatedApplication app = new IsolatedApplication("settings")) {
            assertThatThrownBy(() -> app.start("--callcenter.agents." + setting + "=" + value))
                    .hasStackTraceContaining("callcenter.agents." + reportedAs);
        }

        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("Property: callcenter.agents." + reportedAs)
                .contains("Reason: " + reason);
    }

    @Test
    void aSendTimeoutNoLongerThanTheProducersDeliveryTimeoutFailsStartUpNamingBoth() {
        try (IsolatedApplication app = new IsolatedApplication("settings")) {
            assertThatThrownBy(() -> app.start("--callcenter.agents.outbox.send-timeout=25s"))
                    .rootCause()
                    .hasMessageContaining("callcenter.agents.outbox.send-timeout (25000 ms)")
                    .hasMessageContaining("delivery.timeout.ms (25000 ms");
        }
    }
}
