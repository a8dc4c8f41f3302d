package io.callcenter.model;

import io.callcenter.model.calls.CallAnswered;
import io.callcenter.model.calls.CallEnded;
import io.callcenter.model.calls.CallEvent;
import io.callcenter.model.calls.CallStarted;
import io.callcenter.model.calls.CommandRejected;
import io.callcenter.model.serde.CallEventV2Deserializer;
import io.callcenter.model.serde.EventSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Java example for data teams ("Consuming the topics"), word for word in {@link #print}: it compiles
 * on the build's baseline (Java 17, {@code maven.compiler.release}) and tells every call-events v2 record apart.
 */
class ReadmeExampleTest {

    @Test
    void theReadmesExampleCompilesOnJava17AndReadsEveryCallEvent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (EventSerializer<Object> serializer = new EventSerializer<>()) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            for (Object sample : Samples.callEventsV2()) {
                print(new ConsumerRecord<>(Topics.CALL_EVENTS_V2, 0, 0, "key",
                        serializer.serialize(Topics.CALL_EVENTS_V2, sample)));
            }
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("ringing from 0912345678 since 2025-09-22T05:46:34.487215Z", "answered by agent 1",
                "ended (customer_hangup) after ",
                "ended (no_answer) after 45 s", "rejected, ");
        assertThat(printed.lines()).hasSize(Samples.callEventsV2().size());
    }

    private static void print(ConsumerRecord<String, byte[]> record) {
        // --- from README.md, "Consuming the topics (data teams)" ---
        CallEvent event = new CallEventV2Deserializer().deserialize(record.topic(), record.value());
        if (event instanceof CallStarted e) {
            System.out.println(e.callId() + " ringing from " + e.callerNumber() + " since " + e.startedAt());
        } else if (event instanceof CallAnswered e) {
            System.out.println(e.callId() + " answered by agent " + e.agentId() + " at " + e.occurredAt());
        } else if (event instanceof CallEnded e) {
            System.out.println(e.callId() + " ended (" + e.endReason() + ") after " + e.durationSeconds() + " s");
        } else if (event instanceof CommandRejected e) {
            System.out.println(e.callId() + ": " + e.command() + " rejected, " + e.code());
        }
        // --- end ---
    }
}
