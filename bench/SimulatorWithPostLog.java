import io.callcenter.simulator.SimulatorOptions;
import io.callcenter.simulator.VoiceBotSimulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Runs the VoiceBot simulator (same options, same pacing, same calls) and writes its post log itself:
 * {@code callId,epochMicros} of every POST, taken in the simulator's own onPosted callback. Needed because the
 * simulator's {@code --post-log} is never flushed (its main calls System.exit inside the try-with-resources that
 * would close the writer), so the file stays empty. Launched as a single source file: {@code java -cp <simulator> this}.
 * It first warms the JVM up with one GET (see warmUp).
 * Usage: java -cp CP SimulatorWithPostLog.java POSTLOG [simulator options...]
 */
public final class SimulatorWithPostLog {
    public static void main(String[] args) throws Exception {
        Path postLog = Path.of(args[0]);
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        SimulatorOptions options = SimulatorOptions.parse(rest);
        warmUp(options);
        VoiceBotSimulator.Summary summary;
        try (BufferedWriter out = Files.newBufferedWriter(postLog)) {
            summary = new VoiceBotSimulator(options, System.out, System.nanoTime()).run((callId, nanos) -> {
                long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                synchronized (out) {
                    try {
                        out.write(callId + "," + micros);
                        out.newLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }
        System.exit(summary.failed() == 0 ? 0 : 1);
    }

    /**
     * Loads the HTTP client and Jackson classes before the first timed POST, so a cold JVM (seconds on a loaded
     * machine) is not charged to the system under test: one GET of an unknown call, answered 404, changes nothing.
     */
    private static void warmUp(SimulatorOptions options) {
        tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsBytes(java.util.Map.of("callId", "x"));
        try {
            java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(options.ingestUrl().resolve("/api/v1/calls/BENCH_WARMUP")).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.out.println("warm-up request failed (ignored): " + e);
        }
    }
}
