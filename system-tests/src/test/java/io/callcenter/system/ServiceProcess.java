package io.callcenter.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One service running as its own JVM from its runnable jar, as in production: started with environment variables,
 * healthy when its actuator health answers 200, and stoppable cleanly (SIGTERM) or killed (SIGKILL).
 */
final class ServiceProcess implements AutoCloseable {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path COPIES = createCopiesDir();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path createCopiesDir() {
        try {
            Path dir = Files.createTempDirectory("callcenter-system-jars-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(dir)) {
                    files.forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // best effort: the OS cleans its temp directory too
                }
                dir.toFile().delete();
            }));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final String name;
    private final String module;
    private final Map<String, String> env;
    private final URI healthUrl;
    private final Path log;
    private Process process;

    ServiceProcess(String name, String module, Map<String, String> env, URI healthUrl) {
        this.name = name;
        this.module = module;
        this.env = Map.copyOf(env);
        this.healthUrl = healthUrl;
        this.log = ROOT.resolve("system-tests/target/system-logs/" + name + ".log");
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    ServiceProcess start() {
        try {
            Path jar = privateCopyOf(module);
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        return this;
    }

    /**
     * The module's runnable jar, copied once per test JVM: a rebuild of the module while tests run must not swap
     * classes under a running service.
     */
    private static synchronized Path privateCopyOf(String module) throws IOException {
        Path jar = ROOT.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the module first (mvn -DskipTests install)");
        }
        Path copy = COPIES.resolve(module + ".jar");
        if (!Files.exists(copy)) {
            Files.createDirectories(COPIES);
            Files.copy(jar, copy);
        }
        return copy;
    }

    ServiceProcess awaitHealthy() {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            return healthy();
        });
        return this;
    }

    boolean healthy() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(healthUrl).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    /** SIGTERM: a graceful shutdown. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(30))) {
                kill();
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
