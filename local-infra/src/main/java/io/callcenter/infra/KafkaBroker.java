package io.callcenter.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run as a child JVM from the
 * {@code kafka_2.13} jars on this JVM's class path, exactly as {@code kafka-storage.sh format} and
 * {@code kafka-server-start.sh} would. Its data survive a {@link #stop()} and {@link #start()}, so tests can restart
 * or kill the broker mid-stream; the child exits on its own if this JVM dies ({@link KafkaMain}).
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final int defaultPartitions;
    private final Jit jit;
    private Process process;

    /**
     * How the broker's JVM compiles. A test broker lives for a minute and must start fast; the local run's broker
     * carries every event for hours, where C1-only code costs CPU for as long as it runs (BENCHMARKS.md,
     * 2026-11-27: the broker's share fell from 55 % to 41 % of a core, together with other changes).
     */
    public enum Jit {
        /** C1 only: quickest start, slower steady state (tests). */
        QUICK_START,
        /** The JVM's default tiered compilation (the local run). */
        STEADY_STATE
    }

    public KafkaBroker(Path dataDir, int port, int defaultPartitions, Jit jit) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = FreePorts.pick();
        this.defaultPartitions = defaultPartitions;
        this.jit = jit;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return dataDir.resolve("kafka.log");
    }

    public synchronized KafkaBroker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig();
            if (!Files.exists(dataDir.resolve("data").resolve("meta.properties"))) {
                format(config);
            }
            process = java("io.callcenter.infra.KafkaMain", config.toString()).start();
            awaitReady();
            log.info("Kafka broker ready at {} (data {}, log {})", bootstrapServers(), dataDir, logFile());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka broker in " + dataDir, e);
        }
    }

    /** Stops the broker cleanly (SIGTERM), keeping its data. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    /** Kills the broker at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private Path writeConfig() throws IOException {
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.resolve("data").toString()),
                Map.entry("num.partitions", Integer.toString(defaultPartitions)),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "4"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // A single-node broker for tests and the local run: consumers join at once instead of after 3 s.
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "true")));
        Path config = dataDir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            props.store(writer, "written by " + KafkaBroker.class.getName());
        }
        return config;
    }

    private void format(Path config) throws IOException {
        Process formatter = java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString()).start();
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                formatter.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed; see " + logFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC"));
        if (jit == Jit.QUICK_START) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(List.of(
                "-Dlogback.configurationFile=callcenter-kafka-logback.xml",
                "-Dcallcenter.parent.pid=" + ProcessHandle.current().pid(),
                "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see " + logFile());
            }
            if (FreePorts.isListening("127.0.0.1", port)) {
                try (Admin admin = Admin.create(adminProps)) {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    log.debug("Kafka broker not ready yet: {}", notYet.toString());
                }
            }
            sleepQuietly(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Kafka broker not ready within " + START_TIMEOUT + "; see " + logFile());
    }

    private void waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
