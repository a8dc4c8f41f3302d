package io.callcenter.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Diagnostic for the ingest pipeline's share of the latency: for every call of the simulator (callId SIM_*), the time
 * from its StartCall being appended to call-commands (record CreateTime) to its IncomingCall being produced by the
 * Kafka Streams processor (the IncomingCall's occurredAt), read back from the topics (read_committed), as
 * p50/p90/max. With a post log of the bench (callId,POST time in µs; run the bench with BENCH_KEEP_POST_LOG=1), also
 * the time from each POST to its StartCall being appended (call-ingest's lookups and the send).
 * Usage (system running): java -cp "$(cat bench-tools/target/classpath.txt)" io.callcenter.bench.TopicTimes [bootstrap [post-log]]
 */
public final class TopicTimes {
    public static void main(String[] args) throws java.io.IOException {
        Properties props = new Properties();
        props.put("bootstrap.servers", args.length > 0 ? args[0] : "localhost:9092");
        props.put("isolation.level", "read_committed");
        Map<String, Long> appended = new HashMap<>();
        Map<String, Long> processed = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("callcenter.call-commands.v1", "callcenter.call-events.v1")) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() == null || !r.key().startsWith("SIM_")) {
                        continue;
                    }
                    var type = r.headers().lastHeader("event-type");
                    String t = type == null ? "" : new String(type.value());
                    if (t.equals("StartCall")) {
                        appended.put(r.key(), r.timestamp());
                    } else if (t.equals("IncomingCall")) {
                        int i = r.value().indexOf("\"occurredAt\":\"");
                        String at = r.value().substring(i + 14, r.value().indexOf('"', i + 14));
                        processed.put(r.key(), Instant.parse(at).toEpochMilli());
                    }
                }
            }
        }
        // with a post log, only the calls it names (the measured phase, not the warm-up pass before it)
        Map<String, Long> posted = new HashMap<>();
        if (args.length > 1) {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[1]))) {
                String[] fields = line.split(",");
                if (fields.length == 2) {
                    posted.put(fields[0], Long.parseLong(fields[1].trim()) / 1000);
                }
            }
        }
        List<Long> gaps = new ArrayList<>();
        appended.forEach((callId, t) -> {
            Long p = processed.get(callId);
            if (p != null && (posted.isEmpty() || posted.containsKey(callId))) {
                gaps.add(p - t);
            }
        });
        print("StartCall appended -> IncomingCall processed", gaps);
        if (!posted.isEmpty()) {
            List<Long> postToAppended = new ArrayList<>();
            posted.forEach((callId, postedAt) -> {
                Long at = appended.get(callId);
                if (at != null) {
                    postToAppended.add(at - postedAt);
                }
            });
            print("POST -> StartCall appended", postToAppended);
        }
    }

    private static void print(String what, List<Long> gaps) {
        gaps.sort(null);
        if (gaps.isEmpty()) {
            System.out.println(what + ": no simulator calls found");
            return;
        }
        System.out.printf("%d calls: %s: p50 %d ms, p90 %d ms, max %d ms%n", gaps.size(), what,
                gaps.get(gaps.size() / 2), gaps.get((int) (gaps.size() * 0.9)), gaps.get(gaps.size() - 1));
    }
}
