package io.callcenter.gateway.socket;

import io.callcenter.gateway.auth.Identity;
import io.callcenter.gateway.auth.Role;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The recovery log's bounds (events and age) and offsets, and the recovery sessions' rules, with a fixed clock. */
class RecoveryLogTest {
    private Instant now = Instant.parse("2026-12-07T06:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void afterAnOffsetComeExactlyTheLaterBroadcastsInOrder() {
        RecoveryLog log = new RecoveryLog(true, 100, Duration.ofMinutes(2), clock);
        String first = log.append("incoming_call_to_crm", "{\"callId\":\"A\"}");
        log.append("incoming_call_to_crm", "{\"callId\":\"B\"}");
        String third = log.append("call_ended", "{\"callId\":\"A\"}");

        assertThat(log.after(first).orElseThrow()).extracting(RecoveryLog.Entry::json)
                .containsExactly("{\"callId\":\"B\"}", "{\"callId\":\"A\"}");
        assertThat(log.after(third).orElseThrow()).isEmpty();
    }

    @Test
    void anOffsetOfAnotherProcessOrNotAnOffsetCannotBeRecovered() {
        RecoveryLog log = new RecoveryLog(true, 100, Duration.ofMinutes(2), clock);
        String offset = log.append("incoming_call_to_crm", "{}");
        RecoveryLog otherProcess = new RecoveryLog(true, 100, Duration.ofMinutes(2), clock);

        assertThat(otherProcess.after(offset)).isEmpty();
        for (Object bad : new Object[]{null, 42, "", "x-1", offset + "0", offset.replaceAll("-\\d+$", "-abc")}) {
            assertThat(log.after(bad)).as("%s", bad).isEmpty();
        }
    }

    @Test
    void anOffsetOlderThanWhatIsKeptCannotBeRecovered() {
        RecoveryLog bySize = new RecoveryLog(true, 2, Duration.ofMinutes(2), clock);
        String evicted = bySize.append("e", "1");
        bySize.append("e", "2");
        String kept = bySize.append("e", "3");
        bySize.append("e", "4");
        assertThat(bySize.after(evicted)).as("events after it were dropped").isEmpty();
        assertThat(bySize.size()).isEqualTo(2);
        assertThat(bySize.after(kept).orElseThrow()).extracting(RecoveryLog.Entry::json).containsExactly("4");

        RecoveryLog byAge = new RecoveryLog(true, 100, Duration.ofMinutes(2), clock);
        String old = byAge.append("e", "1");
        String next = byAge.append("e", "2");
        now = now.plus(Duration.ofMinutes(3));
        byAge.append("e", "3");
        assertThat(byAge.after(old)).as("event 2 aged out").isEmpty();
        assertThat(byAge.after(next).orElseThrow()).as("nothing after it aged out").extracting(RecoveryLog.Entry::json)
                .containsExactly("3");
    }

    @Test
    void aSessionIsTakenOverOnceByTheSameSubjectWithinTheWindow() {
        RecoverySessions sessions = new RecoverySessions(Duration.ofMinutes(2), clock);
        Identity alice = new Identity("alice", Role.CRM_SYSTEM, null, null);
        Identity mallory = new Identity("mallory", Role.CRM_SYSTEM, null, null);
        sessions.keep("pid-1", "alice", true, "crm_system");
        sessions.keep("pid-2", "alice", false, null);

        assertThat(sessions.takeOver("pid-1", mallory)).as("another subject").isEmpty();
        assertThat(sessions.takeOver("pid-1", alice)).hasValueSatisfying(s -> assertThat(s.joined()).isTrue());
        assertThat(sessions.takeOver("pid-1", alice)).as("only once").isEmpty();
        now = now.plus(Duration.ofMinutes(3));
        assertThat(sessions.takeOver("pid-2", alice)).as("past max-disconnection").isEmpty();
        assertThat(sessions.takeOver(42, alice)).isEmpty();
        assertThat(sessions.size()).as("the expired one swept").isZero();
    }
}
