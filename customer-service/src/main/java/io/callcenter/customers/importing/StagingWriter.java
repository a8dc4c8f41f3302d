package io.callcenter.customers.importing;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The database half of an import, on its own thread so that PostgreSQL merges one batch while the request thread
 * parses and checks the next (the two halves cost about the same; on two cores they overlap). It owns one connection
 * and one transaction: rows arrive as COPY-ready CSV chunks through a small bounded queue (back-pressure on the
 * upload), each batch is merged into {@code customers} when its last chunk arrives, and the transaction is committed
 * by {@link #finish()} or rolled back by {@link #abort()} or on any failure.
 */
final class StagingWriter implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(StagingWriter.class);

    static final String CREATE_STAGING = """
            CREATE TEMP TABLE customer_import (
                line bigint, full_name text, phone_number text, phone_e164 text, phone_digits text,
                phone_reversed text, email text, cif text) ON COMMIT DROP""";
    static final String COPY_STAGING = """
            COPY customer_import (line, full_name, phone_number, phone_e164, phone_digits, phone_reversed, email, cif)
            FROM STDIN (FORMAT csv)""";
    /** Inserts the first row of each CIF and returns every staged row that was not inserted, with the reason. */
    static final String MERGE_STAGING = """
            WITH ranked AS (
                SELECT s.*, row_number() OVER (PARTITION BY cif ORDER BY line) AS nth FROM customer_import s),
            inserted AS (
                INSERT INTO customers (full_name, phone_number, phone_e164, phone_digits, phone_reversed, email, cif)
                SELECT full_name, phone_number, phone_e164, phone_digits, phone_reversed, email, cif
                  FROM ranked WHERE nth = 1 ORDER BY line
                ON CONFLICT (cif) DO NOTHING
                RETURNING cif)
            SELECT line, cif, nth > 1 AS repeated FROM ranked r
             WHERE nth > 1 OR NOT EXISTS (SELECT 1 FROM inserted i WHERE i.cif = r.cif)
             ORDER BY line""";

    /** COPY-ready rows; {@code endOfBatch} merges the staged rows; {@code END} commits, {@code ABORT} rolls back. */
    record Chunk(String rows, int count, boolean endOfBatch) {
        static final Chunk END = new Chunk("", 0, true);
        static final Chunk ABORT = new Chunk("", 0, false);
    }

    private final DataSource dataSource;
    private final RejectedRows rejected;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(4);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable failure;
    private volatile boolean committed;
    private long imported;
    private long mergeNanos;

    StagingWriter(DataSource dataSource, RejectedRows rejected) {
        this.dataSource = dataSource;
        this.rejected = rejected;
    }

    /** Hands rows over, waiting while the database is behind; fails if the writer has failed. */
    void send(Chunk chunk) throws InterruptedException {
        while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            if (done.getCount() == 0) {
                throw failed();
            }
        }
    }

    /** Commits everything sent so far and returns how many customers were inserted. */
    long finish() throws InterruptedException {
        send(Chunk.END);
        done.await();
        if (!committed) {
            throw failed();
        }
        return imported;
    }

    /** Rolls back whatever was staged or merged. */
    void abort() throws InterruptedException {
        queue.clear();
        while (done.getCount() > 0 && !queue.offer(Chunk.ABORT, 100, TimeUnit.MILLISECONDS)) {
            queue.clear();
        }
        done.await();
    }

    long mergeMillis() {
        return mergeNanos / 1_000_000;
    }

    @Override
    public void run() {
        CopyIn copy = null;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    // for this transaction only: the sorts of a 50,000-row batch stay in memory
                    statement.execute("SET LOCAL work_mem = '64MB'");
                    statement.execute(CREATE_STAGING);
                }
                int staged = 0;
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk == Chunk.ABORT) {
                        break;
                    }
                    if (chunk.count() > 0) {
                        if (copy == null) {
                            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_STAGING);
                        }
                        byte[] bytes = chunk.rows().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        staged += chunk.count();
                    }
                    if (chunk.endOfBatch() && copy != null) {
                        copy.endCopy();
                        copy = null;
                        imported += merge(connection, staged);
                        staged = 0;
                    }
                    if (chunk == Chunk.END) {
                        connection.commit();
                        committed = true;
                        tidyAfterLargeImport(connection);
                        return;
                    }
                }
            } finally {
                if (!committed) {
                    if (copy != null && copy.isActive()) {
                        copy.cancelCopy(); // the connection cannot roll back while a COPY is open
                    }
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            }
        } catch (Throwable e) {
            failure = e;
            log.warn("customer import rolled back: {}", e.toString());
        } finally {
            done.countDown();
        }
    }

    /**
     * After many new rows: moves the trigram index's pending entries into the index proper (every search would scan
     * them linearly until autovacuum does it) and refreshes the planner's statistics (a table that grew from nothing
     * has none, and the planner could then pick a poor plan). Both are cheap next to the import.
     */
    private void tidyAfterLargeImport(Connection connection) {
        if (imported < 10_000) {
            return;
        }
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("SELECT gin_clean_pending_list('customers_phone_digits_trgm_idx'::regclass)");
            statement.execute("ANALYZE customers");
        } catch (SQLException e) {
            log.warn("import committed, but tidying up after it failed (autovacuum will do it): {}", e.toString());
            return;
        }
        log.info("after importing {} customers: trigram index pending list merged and statistics refreshed in {} ms",
                imported, (System.nanoTime() - started) / 1_000_000);
    }

    /** Moves the staged rows into customers, reports the ones refused, and returns how many went in. */
    private long merge(Connection connection, int staged) throws SQLException {
        long started = System.nanoTime();
        long refused = 0;
        try (PreparedStatement merge = connection.prepareStatement(MERGE_STAGING);
             ResultSet rows = merge.executeQuery()) {
            while (rows.next()) {
                refused++;
                String cif = rows.getString("cif");
                String why = rows.getBoolean("repeated")
                        ? "field 'cif' repeats an earlier row of this file: '" + cif + "'"
                        : "field 'cif' is already used by another customer: '" + cif + "'";
                rejected.reject(List.of(new ImportError(rows.getLong("line"), "cif", why)));
            }
        }
        try (Statement truncate = connection.createStatement()) {
            truncate.execute("TRUNCATE customer_import");
        }
        mergeNanos += System.nanoTime() - started;
        return staged - refused;
    }

    private IllegalStateException failed() {
        return new IllegalStateException("import failed in the database (" + failure + "); nothing was imported",
                failure);
    }
}
