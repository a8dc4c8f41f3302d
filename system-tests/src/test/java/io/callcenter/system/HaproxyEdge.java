package io.callcenter.system;

import io.callcenter.infra.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The edge docker-compose runs, as the local run starts it: HAProxy (Debian's package) with
 * {@code deploy/haproxy.cfg}, the gateways' addresses from the environment, on a free port.
 */
final class HaproxyEdge implements AutoCloseable {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final int port = FreePorts.pick();
    private final Process process;
    private final Path log = ROOT.resolve("system-tests/target/system-logs/edge.log");

    HaproxyEdge(RunningSystem.Gateway first, RunningSystem.Gateway second) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder("haproxy", "-db", "-f",
                    ROOT.resolve("deploy/haproxy.cfg").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(java.util.Map.of(
                    "GATEWAY_1", "127.0.0.1:" + first.url().getPort(),
                    "GATEWAY_1_CHECK", Integer.toString(first.managementPort()),
                    "GATEWAY_2", "127.0.0.1:" + second.url().getPort(),
                    "GATEWAY_2_CHECK", Integer.toString(second.managementPort()),
                    "EDGE_BIND", "127.0.0.1:" + port,
                    "EDGE_MAXCONN", "1000"));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start haproxy", e);
        }
    }

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "haproxy"))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin/haproxy"));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
