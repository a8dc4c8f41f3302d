package io.callcenter.gateway;

import io.callcenter.model.serde.CallcenterJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The guide's {@code CRMCallIntegration} class on socket.io-client 4.0.0 under Node, as a child process
 * ({@code node crm-client.js <url>}, default transports) that prints what the CRM sees as JSON lines and takes
 * commands on stdin. The harness is installed by the Maven build into {@code target/node-harness}.
 */
public final class NodeCrmClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Writer stdin;
    private final List<JsonNode> lines = new CopyOnWriteArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private NodeCrmClient(List<String> arguments) {
        this("crm-client.js", arguments);
    }

    private NodeCrmClient(String script, List<String> arguments) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("node", script));
            command.addAll(arguments);
            process = new ProcessBuilder(command).directory(harness().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out = new Thread(() -> read(new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)), true), "node-stdout");
        Thread err = new Thread(() -> read(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)), false), "node-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    public static Path harness() {
        return Path.of(System.getProperty("node.harness.dir", "target/node-harness"));
    }

    /** Whether node and the installed harness are there; tests assume it, with this message when not. */
    public static boolean available() {
        return Files.isDirectory(harness().resolve("node_modules/socket.io-client"));
    }

    public static String unavailableMessage() {
        return "Node harness not installed in " + harness() + " (npm missing?): Node client tests skipped";
    }

    public static NodeCrmClient start(String url) {
        return new NodeCrmClient(List.of(url));
    }

    /**
     * The guide's class with the console's token handling (crm-access-token.js), as the console runs it when opened
     * with this query string (e.g. {@code ?token=<jwt>}): the token goes as Socket.IO v4 {@code auth: {token}}.
     */
    public static NodeCrmClient startAsConsole(String url, String pageQuery) {
        return new NodeCrmClient(List.of(url, pageQuery));
    }

    /**
     * A CRM on socket.io-client 4.8 asking for connection-state recovery ({@code recovery-client.js}): its lines are
     * {@code connect} (with {@code recovered}), {@code event} (name and every argument) and {@code disconnect};
     * {@link #drop()} closes its Engine.IO connection as a network drop would.
     */
    public static NodeCrmClient startRecovering(String url) {
        return new NodeCrmClient("recovery-client.js", List.of(url));
    }

    /** Closes the client's Engine.IO connection; socket.io-client reconnects by itself. */
    public void drop() {
        send(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("op", "drop"));
    }

    /** Waits for the {@code connect} line and returns the socket id the client was given. */
    public String awaitConnected() {
        return awaitLine("connect", line -> true).get("id").asString();
    }

    public JsonNode awaitJoined() {
        return awaitEvent("joined_call_center", data -> true);
    }

    public JsonNode awaitEvent(String name, Predicate<JsonNode> matching) {
        return awaitLine("event", line -> line.get("name").asString().equals(name) && matching.test(line.get("data")))
                .get("data");
    }

    public JsonNode awaitLine(String type, Predicate<JsonNode> matching) {
        await().atMost(TIMEOUT).until(() -> find(type, matching) != null || !process.isAlive());
        JsonNode line = find(type, matching);
        if (line == null) {
            throw new AssertionError("node client exited without '" + type + "'; stdout " + lines + " stderr "
                    + stderr);
        }
        return line;
    }

    public List<JsonNode> events(String name) {
        return lines.stream().filter(l -> l.get("t").asString().equals("event")
                && l.get("name").asString().equals(name)).map(l -> l.get("data")).toList();
    }

    public List<JsonNode> lines() {
        return List.copyOf(lines);
    }

    public void answer(String callId, int agentId) {
        send(CallcenterJson.mapper().createObjectNode().put("op", "answer").put("callId", callId)
                .put("agentId", agentId));
    }

    public void reject(String callId, String reason) {
        send(CallcenterJson.mapper().createObjectNode().put("op", "reject").put("callId", callId)
                .put("reason", reason));
    }

    /** A raw {@code socket.emit(event, ...args)}; with {@code ack} the reply is printed as an {@code ack} line. */
    public void emit(String event, String argsJsonArray, boolean ack) {
        ObjectNode command = CallcenterJson.mapper().createObjectNode().put("op", "emit").put("event", event)
                .put("ack", ack);
        command.set("args", CallcenterJson.mapper().readTree(argsJsonArray));
        send(command);
    }

    public String transport() {
        int before = (int) lines.stream().filter(l -> l.get("t").asString().equals("transport")).count();
        send(CallcenterJson.mapper().createObjectNode().put("op", "transport"));
        await().atMost(TIMEOUT).until(() -> lines.stream().filter(l -> l.get("t").asString().equals("transport"))
                .count() > before);
        List<JsonNode> transports = lines.stream().filter(l -> l.get("t").asString().equals("transport")).toList();
        return transports.get(transports.size() - 1).get("name").asString();
    }

    public String stderr() {
        return stderr.toString();
    }

    private JsonNode find(String type, Predicate<JsonNode> matching) {
        return lines.stream().filter(l -> l.get("t").asString().equals(type) && matching.test(l)).findFirst()
                .orElse(null);
    }

    private void send(JsonNode command) {
        try {
            stdin.write(command.toString() + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("node client gone; stderr " + stderr, e);
        }
    }

    private void read(BufferedReader reader, boolean json) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (json) {
                    lines.add(CallcenterJson.mapper().readTree(line));
                } else {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException | RuntimeException e) {
            stderr.append("reader failed: ").append(e).append('\n');
        }
    }

    @Override
    public void close() {
        try {
            send(CallcenterJson.mapper().createObjectNode().put("op", "disconnect"));
        } catch (RuntimeException alreadyGone) {
            // exited already
        }
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
