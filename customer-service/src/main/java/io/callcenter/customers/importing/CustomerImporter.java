package io.callcenter.customers.importing;

import io.callcenter.customers.CustomerProperties;
import io.callcenter.customers.CustomerRules;
import io.callcenter.customers.FieldProblem;
import io.callcenter.customers.ValidCustomer;
import io.callcenter.kit.api.ApiException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Streams a CSV of customers ({@code fullName,phoneNumber,email,cif}) into the database while it is still being read.
 *
 * <p>Each row is checked by {@link CustomerRules} as it is parsed; a bad row is reported and skipped. Good rows are
 * written with PostgreSQL {@code COPY} into a temporary staging table; every {@code importBatchSize} rows the batch
 * is merged into {@code customers} with {@code INSERT ... ON CONFLICT (cif) DO NOTHING}, and the rows it did not
 * insert (a CIF already taken, or repeated within the file) are reported too. The whole import is one transaction:
 * if the file turns out to be unreadable half way, nothing of it stays.
 */
@Service
public class CustomerImporter {
    private static final Logger log = LoggerFactory.getLogger(CustomerImporter.class);
    private static final List<String> REQUIRED_COLUMNS = List.of("fullName", "phoneNumber", "cif");

    private static final String CREATE_STAGING = """
            CREATE TEMP TABLE customer_import (
                line bigint, full_name text, phone_number text, phone_e164 text, phone_digits text,
                phone_reversed text, email text, cif text) ON COMMIT DROP""";
    private static final String COPY_STAGING = """
            COPY customer_import (line, full_name, phone_number, phone_e164, phone_digits, phone_reversed, email, cif)
            FROM STDIN (FORMAT csv)""";
    /** Inserts the first row of each CIF and returns every staged row that was not inserted, with the reason. */
    private static final String MERGE_STAGING = """
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

    private final DataSource dataSource;
    private final CustomerRules rules;
    private final CustomerProperties properties;

    public CustomerImporter(DataSource dataSource, CustomerRules rules, CustomerProperties properties) {
        this.dataSource = dataSource;
        this.rules = rules;
        this.properties = properties;
    }

    public ImportSummary importCsv(Reader csv) {
        long started = System.nanoTime();
        RejectedRows rejected = new RejectedRows(properties.importMaxErrors());
        long imported = 0;
        try (CSVParser parser = format().parse(skipByteOrderMark(csv));
             Connection connection = dataSource.getConnection()) {
            Map<String, Integer> columns = columnsOf(parser);
            connection.setAutoCommit(false);
            Batch batch = null;
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(CREATE_STAGING);
                }
                batch = new Batch(connection);
                for (CSVRecord record : parser) {
                    long line = record.getRecordNumber() + 1; // the header is line 1
                    List<ImportError> errors = stage(record, line, columns, batch);
                    if (!errors.isEmpty()) {
                        rejected.reject(errors);
                    }
                    if (batch.size() >= properties.importBatchSize()) {
                        imported += batch.merge(rejected);
                    }
                }
                imported += batch.merge(rejected);
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                if (batch != null) {
                    batch.abort(); // the connection cannot roll back while a COPY is open
                }
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (UncheckedIOException | IOException e) {
            throw ApiException.badRequest("invalid_csv",
                    "the CSV cannot be read (" + rootMessage(e) + "); nothing was imported");
        } catch (SQLException e) {
            throw new IllegalStateException("import failed in the database; nothing was imported", e);
        }
        ImportSummary summary = new ImportSummary(imported, rejected.rows(), rejected.earliest());
        log.info("imported {} customers, rejected {}, in {} ms", imported, rejected.rows(),
                (System.nanoTime() - started) / 1_000_000);
        return summary;
    }

    private static CSVFormat format() {
        return CSVFormat.DEFAULT.builder()
                .setHeader().setSkipHeaderRecord(true)
                .setIgnoreHeaderCase(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
    }

    private static Map<String, Integer> columnsOf(CSVParser parser) {
        Map<String, Integer> header = parser.getHeaderMap();
        for (String column : REQUIRED_COLUMNS) {
            if (header == null || header.keySet().stream().noneMatch(column::equalsIgnoreCase)) {
                throw ApiException.badRequest("invalid_csv", "column '" + column + "' is missing from the CSV "
                        + "header (expected fullName,phoneNumber,email,cif); nothing was imported");
            }
        }
        return header;
    }

    private List<ImportError> stage(CSVRecord record, long line, Map<String, Integer> columns, Batch batch)
            throws IOException {
        if (record.size() != columns.size()) {
            return List.of(new ImportError(line, "row", "row has " + record.size() + " columns, the header has "
                    + columns.size()));
        }
        CustomerRules.Outcome outcome = rules.check(value(record, "fullName"), value(record, "phoneNumber"),
                value(record, "email"), value(record, "cif"));
        if (!outcome.valid()) {
            return outcome.problems().stream()
                    .map((FieldProblem p) -> new ImportError(line, p.field(), p.describe())).toList();
        }
        batch.add(line, outcome.customer());
        return List.of();
    }

    private static String value(CSVRecord record, String column) {
        return record.isMapped(column) ? record.get(column) : null;
    }

    /** Good rows on their way to the staging table through an open COPY. */
    private static final class Batch {
        private final Connection connection;
        private PGCopyOutputStream copy;
        private Writer out;
        private int size;

        Batch(Connection connection) {
            this.connection = connection;
        }

        int size() {
            return size;
        }

        void add(long line, ValidCustomer c) throws IOException {
            if (out == null) {
                open();
            }
            out.write(Long.toString(line));
            for (String field : new String[]{c.fullName(), c.phoneNumber(), c.phone().e164(),
                    c.phone().searchDigits(), c.phone().reversedDigits(), c.email(), c.cif()}) {
                out.write(',');
                writeCsvField(field);
            }
            out.write('\n');
            size++;
        }

        /** Ends the COPY, moves the staged rows into customers, reports the ones refused; returns how many went in. */
        long merge(RejectedRows rejected) throws IOException {
            if (out == null) {
                return 0;
            }
            try {
                out.flush();
                copy.endCopy();
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
                long inserted = size - refused;
                out = null;
                copy = null;
                size = 0;
                return inserted;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot merge imported customers: " + e.getMessage(), e);
            }
        }

        void abort() {
            if (copy != null && copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    log.debug("cancelling COPY failed; the rollback follows anyway", e);
                }
            }
        }

        private void open() {
            try {
                copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), COPY_STAGING, 1 << 16);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start COPY: " + e.getMessage(), e);
            }
            out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
        }

        /** COPY's CSV: null unquoted, everything else quoted with quotes doubled. */
        private void writeCsvField(String value) throws IOException {
            if (value == null) {
                return;
            }
            out.write('"');
            if (value.indexOf('"') < 0) {
                out.write(value);
            } else {
                out.write(value.replace("\"", "\"\""));
            }
            out.write('"');
        }
    }

    private static Reader skipByteOrderMark(Reader reader) throws IOException {
        java.io.PushbackReader pushback = new java.io.PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
