package io.callcenter.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gateway-only load for `bench/run.sh fanout --source kafka`: publishes calls straight to callcenter.call-events.v2,
 * as call-ingest would (same JSON, header event-type, key callId), so that the fan-out is measured without the ingest
 * pipeline (VoiceBot API, lookups, Kafka Streams) in front of it. Per call: IncomingCall (a known customer, an
 * suggested agent), then after --hangup-after seconds CallEnded (customer_hangup, unanswered): 2 events per call.
 * Writes the same post log as SimulatorWithPostLog (callId,publish time in µs since the epoch) and prints a "done:"
 * line. Usage: java -cp "$(cat bench-tools/target/classpath.txt)" io.callcenter.bench.EventPublisher POST_LOG --calls N
 * --rate R --hangup-after S [--bootstrap localhost:9092]
 */
public final class EventPublisher {
    private static final String TOPIC = "callcenter.call-events.v2";

    public static void main(String[] args) throws Exception {
        Path postLog = Path.of(args[0]);
        int calls = 100;
        double rate = 10;
        double hangupAfter = 1;
        String bootstrap = "localhost:9092";
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--hangup-after" -> hangupAfter = Double.parseDouble(args[i + 1]);
                case "--bootstrap" -> bootstrap = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("linger.ms", "0");
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        AtomicInteger failed = new AtomicInteger();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
             BufferedWriter log = Files.newBufferedWriter(postLog, StandardCharsets.UTF_8)) {
            producer.partitionsFor(TOPIC); // metadata before the clock starts
            long periodNanos = (long) (1_000_000_000L / rate);
            long start = System.nanoTime();
            for (int n = 0; n < calls; n++) {
                long due = start + n * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String callId = "SIM_K" + run + "_" + n;
                Instant now = Instant.now();
                send(producer, callId, "CallStarted", callStarted(callId, now), failed);
                synchronized (log) {
                    log.write(callId + "," + ChronoUnit.MICROS.between(Instant.EPOCH, now));
                    log.newLine();
                }
                timer.schedule(() -> send(producer, callId, "CallEnded", callEnded(callId, hangupAfterSeconds(now)), failed),
                        (long) (hangupAfter * 1000), TimeUnit.MILLISECONDS);
            }
            timer.shutdown();
            timer.awaitTermination((long) (hangupAfter * 1000) + 10_000, TimeUnit.MILLISECONDS);
            producer.flush();
        }
        System.out.printf("done: %d placed, %d failed (events published to %s)%n", calls, failed.get(), TOPIC);
        System.exit(failed.get() == 0 ? 0 : 1);
    }

    private static long hangupAfterSeconds(Instant start) {
        return Math.max(0, ChronoUnit.SECONDS.between(start, Instant.now()));
    }

    private static void send(KafkaProducer<String, String> producer, String callId, String type, String json,
                             AtomicInteger failed) {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, callId, json);
        record.headers().add("event-type", type.getBytes(StandardCharsets.UTF_8));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            }
        });
    }

    private static String callStarted(String callId, Instant now) {
        return "{\"type\":\"CallStarted\",\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + now
                + "\",\"schemaVersion\":2,\"callId\":\"" + callId + "\",\"callerNumber\":\"0912345678\","
                + "\"calledNumber\":\"1900\",\"suggestedAgent\":{\"id\":1,\"userId\":1,\"fullName\":\"Admin User\","
                + "\"status\":\"available\"},\"customer\":{\"id\":1,\"fullName\":\"Nguyễn Văn A\","
                + "\"phoneNumber\":\"0912345678\",\"email\":\"nguyenvana@email.com\",\"cif\":\"CIF001230022\"},"
                + "\"source\":\"bench\",\"startedAt\":\"" + now.truncatedTo(ChronoUnit.MICROS) + "\"}";
    }

    private static String callEnded(String callId, long duration) {
        return "{\"type\":\"CallEnded\",\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"schemaVersion\":2,\"callId\":\"" + callId + "\",\"agentId\":null,"
                + "\"endReason\":\"customer_hangup\",\"durationSeconds\":" + duration
                + ",\"requestedBy\":null,\"commandId\":null}";
    }
}
