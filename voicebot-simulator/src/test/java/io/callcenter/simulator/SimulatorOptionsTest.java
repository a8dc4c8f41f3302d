package io.callcenter.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorOptionsTest {

    @Test
    void optionsAreReadFromTheCommandLine() {
        SimulatorOptions options = SimulatorOptions.parse("--calls", "50", "--rate", "2.5", "--hangup-after", "0.5",
                "--known-share", "0.2", "--ingest-url", "http://ingest:8081/");
        assertThat(options.calls()).isEqualTo(50);
        assertThat(options.ratePerSecond()).isEqualTo(2.5);
        assertThat(options.hangupAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.knownShare()).isEqualTo(0.2);
        assertThat(options.ingestUrl().toString()).isEqualTo("http://ingest:8081");
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> SimulatorOptions.parse("--calls", "-1")).hasMessageContaining("--calls");
        assertThatThrownBy(() -> SimulatorOptions.parse("--rate", "fast")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> SimulatorOptions.parse("--known-share", "2")).hasMessageContaining("--known-share");
        assertThatThrownBy(() -> SimulatorOptions.parse("--hangup-after")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SimulatorOptions.parse("--color", "red")).hasMessageContaining("unknown option --color");
    }

    @Test
    void callersMixKnownAndNewNumbers() {
        Callers callers = new Callers(new Random(42), 0.5);
        Set<Boolean> kinds = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String number = callers.next();
            kinds.add(Callers.KNOWN_NUMBERS.contains(number));
            assertThat(number.replaceAll("[^0-9]", "")).hasSizeBetween(10, 11);
        }
        assertThat(kinds).containsExactlyInAnyOrder(true, false);
    }
}
