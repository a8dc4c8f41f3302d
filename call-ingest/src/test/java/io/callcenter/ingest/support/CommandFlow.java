package io.callcenter.ingest.support;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.commands.EndCall;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.testing.TopicRecorder;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;

/**
 * Waits until a freshly started call-ingest consumes every partition of the commands topic. A new application id
 * starts at the end of the topic, and that end is fixed a moment after Kafka Streams reports RUNNING; a command sent
 * in that moment would be skipped. Probes ({@code EndCall} for unknown calls, one partition at a time, resent until
 * one is answered with {@code call_not_found}) prove the position is fixed. Once per running instance.
 */
public final class CommandFlow {
    private static final Set<Integer> READY_PORTS = ConcurrentHashMap.newKeySet();

    private CommandFlow() {
    }

    public static void awaitEveryPartitionConsumed(int port, KafkaTestPublisher kafka,
                                                   TopicRecorder<CallEvent> events) {
        if (READY_PORTS.contains(port)) {
            return;
        }
        for (int partition = 0; partition < kafka.commandPartitions(); partition++) {
            String prefix = "PROBE_" + partition + "_" + UUID.randomUUID().toString().substring(0, 8) + "_";
            int target = partition;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                String probe = prefix + UUID.randomUUID().toString().substring(0, 8);
                kafka.commandTo(target, EndCall.of(probe, "probe", "test", new RequestedBy("probe", null)));
                return events.values().stream().anyMatch(e -> e instanceof CommandRejected
                        && e.callId().startsWith(prefix));
            });
        }
        READY_PORTS.add(port);
    }
}
