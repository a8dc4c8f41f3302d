package io.callcenter.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Plays the VoiceBot: places {@code calls} calls at {@code rate} per second against call-ingest, each from a known or
 * a new caller, and hangs each up after {@code hangupAfter} (if not zero). Prints one progress line per second and a
 * summary; exits non-zero if any request failed. The benchmarks use {@link #run} with a listener that sees the
 * instant each call was posted.
 */
public final class VoiceBotSimulator {
    private final SimulatorOptions options;
    private final IngestClient client;
    private final Callers callers;
    private final PrintStream out;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final CopyOnWriteArrayList<String> failures = new CopyOnWriteArrayList<>();

    public VoiceBotSimulator(SimulatorOptions options, PrintStream out, long seed) {
        this.options = options;
        this.client = new IngestClient(options.ingestUrl(), options.apiKey());
        this.callers = new Callers(new Random(seed), options.knownShare());
        this.out = out;
    }

    public static void main(String[] args) throws InterruptedException {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(SimulatorOptions.USAGE);
            return;
        }
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Summary summary;
        try (PostLog postLog = PostLog.open(options.postLog())) {
            summary = new VoiceBotSimulator(options, System.out, System.nanoTime())
                    .run((callId, postedAtNanos) -> postLog.record(callId));
        }
        System.exit(summary.failed() == 0 ? 0 : 1); // after the post log is closed, so it is complete

    }

    /** What a run did. */
    public record Summary(int placed, int accepted, int ended, int failed) {
    }

    /** Places the calls; {@code onPosted} receives each callId and the {@link System#nanoTime()} of its POST. */
    public Summary run(BiConsumer<String, Long> onPosted) throws InterruptedException {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        String runId = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        long periodNanos = (long) (1_000_000_000L / options.ratePerSecond());
        CopyOnWriteArrayList<CompletableFuture<?>> pending = new CopyOnWriteArrayList<>();
        scheduler.scheduleAtFixedRate(this::printProgress, 1, 1, TimeUnit.SECONDS);
        long start = System.nanoTime();
        for (int i = 0; i < options.calls(); i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not waiting for a condition
            }
            String callId = "SIM_" + runId + "_" + (i + 1);
            pending.add(place(callId, scheduler, onPosted));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        scheduler.shutdownNow();
        printProgress();
        Summary summary = new Summary(started.get(), accepted.get(), ended.get(), failures.size());
        out.printf("done: %d placed, %d accepted, %d hung up, %d failed%n", summary.placed(), summary.accepted(),
                summary.ended(), summary.failed());
        failures.stream().limit(10).forEach(f -> out.println("  " + f));
        return summary;
    }

    private CompletableFuture<?> place(String callId, ScheduledExecutorService scheduler,
                                       BiConsumer<String, Long> onPosted) {
        started.incrementAndGet();
        onPosted.accept(callId, System.nanoTime());
        return client.startCall(callId, callers.next(), "1900")
                .thenCompose(response -> {
                    if (!response.accepted()) {
                        failures.add(callId + ": start answered " + response.status() + " " + response.body());
                        return CompletableFuture.completedFuture(null);
                    }
                    accepted.incrementAndGet();
                    return hangUpLater(callId, scheduler);
                })
                .exceptionally(e -> {
                    failures.add(callId + ": " + e.getMessage());
                    return null;
                });
    }

    private CompletableFuture<?> hangUpLater(String callId, ScheduledExecutorService scheduler) {
        Duration after = options.hangupAfter();
        if (after.isZero()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Object> done = new CompletableFuture<>();
        scheduler.schedule(() -> client.endCall(callId, "customer_hangup").whenComplete((response, error) -> {
            // 202: hung up; 404/409-like answers mean the call was already gone (answered and ended, or timed out)
            if (error == null && response.status() == 202) {
                ended.incrementAndGet();
            }
            done.complete(null);
        }), after.toMillis(), TimeUnit.MILLISECONDS);
        return done;
    }

    private void printProgress() {
        out.printf("calls: %d/%d placed, %d accepted, %d hung up, %d failed%n", started.get(), options.calls(),
                accepted.get(), ended.get(), failures.size());
    }
}
