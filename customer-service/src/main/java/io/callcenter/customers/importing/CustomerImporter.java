package io.callcenter.customers.importing;

import io.callcenter.customers.CustomerProperties;
import io.callcenter.customers.CustomerRules;
import io.callcenter.customers.FieldProblem;
import io.callcenter.customers.ValidCustomer;
import io.callcenter.kit.api.ApiException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams a CSV of customers ({@code fullName,phoneNumber,email,cif}, any column order) into the database while it
 * is still being uploaded.
 *
 * <p>The request thread parses each row and checks it with {@link CustomerRules}; a bad row is reported and skipped.
 * Good rows go, as COPY-ready CSV chunks, to a {@link StagingWriter} on its own thread, which streams them with
 * PostgreSQL {@code COPY} into a temporary staging table and, every {@code importBatchSize} rows, merges the batch into
 * {@code customers} with {@code INSERT ... ON CONFLICT (cif) DO NOTHING}, reporting the rows it did not insert (a CIF
 * already taken, or repeated within the file). The whole import is one transaction: if the file turns out to be
 * unreadable half way, nothing of it stays.
 */
@Service
public class CustomerImporter {
    private static final Logger log = LoggerFactory.getLogger(CustomerImporter.class);
    private static final List<String> REQUIRED_COLUMNS = List.of("fullName", "phoneNumber", "cif");
    private static final int CHUNK_ROWS = 2_000;
    private static final AtomicInteger IMPORTS = new AtomicInteger();

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
        try (CSVParser parser = format().parse(skipByteOrderMark(csv))) {
            Map<String, Integer> columns = columnsOf(parser);
            StagingWriter writer = new StagingWriter(dataSource, rejected);
            Thread thread = new Thread(writer, "customer-import-" + IMPORTS.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
            long imported;
            try {
                stream(parser, columns, rejected, writer);
                imported = writer.finish();
            } catch (RuntimeException | InterruptedException e) {
                writer.abort();
                throw e;
            }
            log.info("imported {} customers, rejected {}, in {} ms (merging batches: {} ms)", imported,
                    rejected.rows(), (System.nanoTime() - started) / 1_000_000, writer.mergeMillis());
            return new ImportSummary(imported, rejected.rows(), rejected.earliest());
        } catch (UncheckedIOException | IOException e) {
            throw ApiException.badRequest("invalid_csv",
                    "the CSV cannot be read (" + rootMessage(e) + "); nothing was imported");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted; nothing was imported", e);
        }
    }

    private void stream(CSVParser parser, Map<String, Integer> columns, RejectedRows rejected, StagingWriter writer)
            throws InterruptedException {
        StringBuilder chunk = new StringBuilder(CHUNK_ROWS * 128);
        int inChunk = 0;
        int inBatch = 0;
        for (CSVRecord record : parser) {
            long line = record.getRecordNumber() + 1; // the header is line 1
            ValidCustomer customer = check(record, line, columns, rejected);
            if (customer == null) {
                continue;
            }
            appendCopyRow(chunk, line, customer);
            inChunk++;
            inBatch++;
            boolean endOfBatch = inBatch >= properties.importBatchSize();
            if (inChunk >= CHUNK_ROWS || endOfBatch) {
                writer.send(new StagingWriter.Chunk(chunk.toString(), inChunk, endOfBatch));
                chunk.setLength(0);
                inChunk = 0;
                inBatch = endOfBatch ? 0 : inBatch;
            }
        }
        if (inChunk > 0) {
            writer.send(new StagingWriter.Chunk(chunk.toString(), inChunk, true));
        }
    }

    private ValidCustomer check(CSVRecord record, long line, Map<String, Integer> columns, RejectedRows rejected) {
        if (record.size() != columns.size()) {
            rejected.reject(List.of(new ImportError(line, "row", "row has " + record.size()
                    + " columns, the header has " + columns.size())));
            return null;
        }
        CustomerRules.Outcome outcome = rules.check(value(record, "fullName"), value(record, "phoneNumber"),
                value(record, "email"), value(record, "cif"));
        if (!outcome.valid()) {
            rejected.reject(outcome.problems().stream()
                    .map((FieldProblem p) -> new ImportError(line, p.field(), p.describe())).toList());
            return null;
        }
        return outcome.customer();
    }

    /** One row in COPY's CSV: null unquoted, everything else quoted with quotes doubled. */
    private static void appendCopyRow(StringBuilder out, long line, ValidCustomer c) {
        out.append(line);
        for (String field : new String[]{c.fullName(), c.phoneNumber(), c.phone().e164(), c.phone().searchDigits(),
                c.phone().reversedDigits(), c.email(), c.cif()}) {
            out.append(',');
            if (field != null) {
                out.append('"');
                out.append(field.indexOf('"') < 0 ? field : field.replace("\"", "\"\""));
                out.append('"');
            }
        }
        out.append('\n');
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

    private static String value(CSVRecord record, String column) {
        return record.isMapped(column) ? record.get(column) : null;
    }

    private static Reader skipByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
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
