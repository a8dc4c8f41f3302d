package io.callcenter.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes {@code callId,epochMicros} for every POST, so that a benchmark in another process (on the same machine, so
 * the same wall clock) can compute the delay from the POST to each client's {@code incoming_call_to_crm}.
 */
final class PostLog implements AutoCloseable {
    private final BufferedWriter writer;

    private PostLog(BufferedWriter writer) {
        this.writer = writer;
    }

    static PostLog open(Path file) {
        try {
            return new PostLog(file == null ? null : Files.newBufferedWriter(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write post log " + file, e);
        }
    }

    synchronized void record(String callId) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(callId + "," + ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
