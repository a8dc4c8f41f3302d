package io.callcenter.system;

import org.json.JSONArray;
import org.json.JSONObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * N CRMs in one Node process ({@code crm-fleet.js}), each the guide's {@code CRMCallIntegration} class on
 * socket.io-client 4.0.0 with its own connection (default transports, reconnection on, re-joining on
 * {@code connect} as the class does), each driving a model of the guide's page. {@link #state()} asks for what every
 * CRM shows and knows. The harness is installed by the Maven build into {@code target/node-harness}.
 */
final class NodeCrmFleet implements AutoCloseable {
    /** What one CRM shows and knows (see crm-fleet.js). */
    record Crm(int index, boolean connected, int joins, List<String> disconnects, String popup, String current,
               Set<String> ringing, Set<String> answered, Set<String> ended) {
    }

    private final Process process;
    private final Writer stdin;
    private final Map<String, JSONObject> answers = new ConcurrentHashMap<>();
    private final StringBuffer stderr = new StringBuffer();
    private final AtomicInteger requests = new AtomicInteger();

    NodeCrmFleet(URI url, int count) {
        try {
            process = new ProcessBuilder("node", "crm-fleet.js", url.toString(), Integer.toString(count))
                    .directory(harness().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    JSONObject json = new JSONObject(line);
                    answers.put(json.optString("id"), json);
                }
            } catch (IOException | RuntimeException e) {
                stderr.append("reader failed: ").append(e).append('\n');
            }
        }, "crm-fleet-stdout");
        Thread err = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    stderr.append(line).append('\n');
                }
            } catch (IOException e) {
                stderr.append("reader failed: ").append(e).append('\n');
            }
        }, "crm-fleet-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    static Path harness() {
        return Path.of(System.getProperty("node.harness.dir", "target/node-harness"));
    }

    static boolean available() {
        return Files.isDirectory(harness().resolve("node_modules/socket.io-client"));
    }

    static String unavailableMessage() {
        return "Node harness not installed in " + harness() + " (npm missing?): Node client tests skipped";
    }

    /** Every CRM's state now. */
    List<Crm> state() {
        String id = "q" + requests.incrementAndGet();
        try {
            stdin.write(new JSONObject().put("op", "state").put("id", id) + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("crm-fleet.js gone; stderr " + stderr, e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> answers.containsKey(id) || !process.isAlive());
        JSONObject answer = answers.remove(id);
        if (answer == null) {
            throw new AssertionError("crm-fleet.js exited; stderr " + stderr);
        }
        List<Crm> crms = new ArrayList<>();
        JSONArray list = answer.getJSONArray("crms");
        for (int i = 0; i < list.length(); i++) {
            JSONObject c = list.getJSONObject(i);
            crms.add(new Crm(c.getInt("index"), c.getBoolean("connected"), c.getInt("joins"),
                    strings(c.getJSONArray("disconnects")), c.isNull("popup") ? null : c.getString("popup"),
                    c.isNull("current") ? null : c.getString("current"), new HashSet<>(strings(c.getJSONArray("ringing"))),
                    new HashSet<>(strings(c.getJSONArray("answered"))), new HashSet<>(strings(c.getJSONArray("ended")))));
        }
        return crms;
    }

    private static List<String> strings(JSONArray array) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.length(); i++) {
            values.add(array.getString(i));
        }
        return values;
    }

    @Override
    public void close() {
        try {
            stdin.write("{\"op\":\"close\"}\n");
            stdin.flush();
        } catch (IOException alreadyGone) {
            // exited already
        }
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
