package io.callcenter.customers.bench;

import io.callcenter.customers.CustomerSearchRequest;
import io.callcenter.customers.CustomerService;
import io.callcenter.customers.CustomerServiceApplication;
import io.callcenter.infra.FreePorts;
import io.callcenter.infra.Postgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The service side of the customer-service benchmark (not a test); {@code customer-service/bench.sh} drives it and
 * runs the search load with {@code wrk} in another process. This tool starts embedded PostgreSQL and the service
 * (this JVM, random port), generates a CSV of customers, imports it through {@code POST /api/customers/import}
 * (timed), vacuums the table (what autovacuum would do shortly after a bulk load; timed on its own), writes search
 * bodies (one JSON body per line: {@code exact.txt}, {@code partial.txt} and the two halves of the partial mix,
 * {@code partial-ending.txt}, {@code partial-middle.txt}) and {@code port} into the control folder, creates
 * {@code ready}, and serves until {@code stop} appears there. Then it measures the same searches in process (no HTTP,
 * one at a time), writes the JSON result and exits.
 *
 * <p>Run: {@code CustomerBenchmark rows controlDir resultFile}
 */
public final class CustomerBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int QUERIES_PER_FILE = 20_000;
    private static final List<String> PREFIXES = List.of("090", "091", "093", "094", "096", "097", "098", "032",
            "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078", "079", "081", "082", "083",
            "084", "085", "086", "088");
    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
            "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
    private static final String[] MIDDLE = {"Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Quốc", "Thu"};
    private static final String[] GIVEN = {"An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng",
            "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo",
            "Trang", "Tuấn", "Vy", "Yến"};

    private CustomerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path control = Path.of(args.length > 1 ? args[1] : "customer-service/target/bench/control");
        Path resultFile = Path.of(args.length > 2 ? args[2] : "customer-service/target/bench/customer-service.json");
        Files.createDirectories(control);
        Files.deleteIfExists(control.resolve("ready"));
        Files.deleteIfExists(control.resolve("stop"));

        Path work = Files.createTempDirectory("customer-bench-");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("rows", rows);
        result.put("loadAverageAtStart", loadAverage());

        try (Postgres postgres = Postgres.start(work.resolve("postgres"), FreePorts.pick())) {
            postgres.createDatabase("customers");
            Path csv = work.resolve("customers.csv");
            long generateStart = System.nanoTime();
            List<String> sample = generate(csv, rows);
            log("generated %d rows (%d MB) in %.1f s", rows, Files.size(csv) >> 20, seconds(generateStart));
            Queries queries = Queries.write(control, sample);

            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CustomerServiceApplication.class)
                    .run("--server.port=0",
                            "--spring.datasource.url=" + postgres.jdbcUrl("customers"),
                            "--spring.datasource.username=" + Postgres.USER,
                            "--spring.datasource.password=" + Postgres.PASSWORD,
                            "--spring.kafka.admin.auto-create=false", // nothing the benchmark does uses Kafka
                            "--logging.level.root=WARN",
                            "--logging.level.io.callcenter=INFO")) {
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                String base = "http://127.0.0.1:" + port;
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

                Path dataDir = work.resolve("postgres");
                double jvmCpuBefore = jvmCpuSeconds();
                double pgCpuBefore = postgresCpuSeconds(dataDir);
                long importStart = System.nanoTime();
                HttpResponse<String> imported = client.send(HttpRequest.newBuilder(URI.create(base
                                + "/api/customers/import")).header("Content-Type", "text/csv; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                double importSeconds = seconds(importStart);
                double jvmCpu = jvmCpuSeconds() - jvmCpuBefore;
                double pgCpu = postgresCpuSeconds(dataDir) - pgCpuBefore;
                log("import CPU: service JVM %.1f s, PostgreSQL %.1f s (live processes)", jvmCpu, pgCpu);
                JsonNode summary = JSON.readTree(imported.body()).path("data");
                log("import: HTTP %d, %s in %.1f s (%.0f rows/s)", imported.statusCode(),
                        summary.path("imported").asLong() + " imported, " + summary.path("rejected").asLong()
                                + " rejected", importSeconds, rows / importSeconds);
                result.put("import", Map.of("seconds", round(importSeconds), "status", imported.statusCode(),
                        "imported", summary.path("imported").asLong(), "rejected",
                        summary.path("rejected").asLong(), "rowsPerSecond", Math.round(rows / importSeconds),
                        "serviceJvmCpuSeconds", round(jvmCpu), "postgresCpuSeconds", round(pgCpu)));
                if (imported.statusCode() != 200) {
                    throw new IllegalStateException("import failed: " + imported.body());
                }

                // a freshly loaded table is vacuumed by autovacuum a minute or so later, in the middle of the search
                // phases (seen in pg_stat_progress_vacuum during a paced phase); a service in production has long
                // been through that, so it runs here, before the load, and its time is reported on its own
                long vacuumStart = System.nanoTime();
                try (Connection connection = app.getBean(DataSource.class).getConnection();
                     Statement statement = connection.createStatement()) {
                    connection.setAutoCommit(true); // VACUUM cannot run inside a transaction block
                    statement.execute("VACUUM (ANALYZE) customers");
                }
                double vacuumSeconds = seconds(vacuumStart);
                log("VACUUM (ANALYZE) after the import: %.1f s (not part of the import time)", vacuumSeconds);
                result.put("vacuumAfterImportSeconds", round(vacuumSeconds));

                Files.writeString(control.resolve("port"), Integer.toString(port));
                Files.writeString(control.resolve("ready"), base);
                log("serving on %s until %s appears", base, control.resolve("stop"));
                while (!Files.exists(control.resolve("stop"))) {
                    Thread.sleep(200); // polling a file the driving script creates; nothing else to wait on
                }
                // the same queries without HTTP: what the service and PostgreSQL cost, one at a time
                CustomerService service = app.getBean(CustomerService.class);
                result.put("exactInProcess", inProcess("exact, in-process", service, queries.exact));
                result.put("partialInProcess", inProcess("partial, in-process", service, queries.partial));
                result.put("partialEndingInProcess", inProcess("partial ending, in-process", service,
                        queries.partialEnding));
                result.put("partialMiddleInProcess", inProcess("partial middle, in-process", service,
                        queries.partialMiddle));
                result.put("loadAverageAtEnd", loadAverage());
            }
        } finally {
            deleteQuietly(work);
        }
        Files.createDirectories(resultFile.toAbsolutePath().getParent());
        Files.writeString(resultFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        log("result written to %s:%n%s", resultFile, Files.readString(resultFile));
        System.exit(0);
    }

    private static Map<String, Object> inProcess(String kind, CustomerService service, List<String> bodies) {
        long[] latencies = new long[Math.min(2000, bodies.size())];
        for (int i = 0; i < latencies.length; i++) {
            CustomerSearchRequest request = JSON.readValue(bodies.get(i), CustomerSearchRequest.class);
            long started = System.nanoTime();
            service.search(request);
            latencies[i] = System.nanoTime() - started;
        }
        Arrays.sort(latencies);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("requests", latencies.length);
        stats.put("p50Ms", millis(latencies, 0.50));
        stats.put("p95Ms", millis(latencies, 0.95));
        stats.put("p99Ms", millis(latencies, 0.99));
        stats.put("maxMs", round(latencies[latencies.length - 1] / 1e6));
        log("%-28s %s", kind, stats);
        return stats;
    }

    private static double millis(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return round(sorted[Math.max(0, index)] / 1e6);
    }

    /**
     * CPU seconds this JVM has used: unlike wall time it hardly depends on what else the machine runs, so it tells
     * how long the import would take with the cores to itself. (It includes the benchmark's own client work.)
     */
    private static double jvmCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** CPU seconds used so far by the PostgreSQL server of this data directory and its live child processes. */
    private static double postgresCpuSeconds(Path dataDir) {
        try {
            String postmaster = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
            long ticks = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(proc.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // after the command: state(0) ppid(1) ... utime(11) stime(12)
                        if (proc.getFileName().toString().equals(postmaster) || f[1].equals(postmaster)) {
                            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            }
            return ticks / 100.0; // USER_HZ
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The 1-minute load average: other processes on a shared machine distort every latency. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Writes the CSV (numbers in the four usual spellings) and returns a sample of numbers to search for. */
    private static List<String> generate(Path csv, int rows) throws IOException {
        Random random = new Random(42);
        List<String> sample = new ArrayList<>();
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("fullName,phoneNumber,email,cif\n");
            for (int i = 0; i < rows; i++) {
                String national = PREFIXES.get(random.nextInt(PREFIXES.size()))
                        + padded(random.nextInt(10_000_000), 7);
                String written = switch (i % 4) {
                    case 0 -> national;
                    case 1 -> "+84" + national.substring(1);
                    case 2 -> "84" + national.substring(1);
                    default -> national.substring(0, 3) + " " + national.substring(3, 6) + " " + national.substring(6);
                };
                out.write(FAMILY[random.nextInt(FAMILY.length)] + " " + MIDDLE[random.nextInt(MIDDLE.length)] + " "
                        + GIVEN[random.nextInt(GIVEN.length)] + "," + written + ",kh" + i + "@example.vn,CIF"
                        + padded(i, 9) + "\n");
                if (i % 50 == 0) {
                    sample.add(national);
                }
            }
        }
        return sample;
    }

    /** Search bodies for the load generator, written one JSON body per line, in a fixed pseudo-random order. */
    private record Queries(List<String> exact, List<String> partial, List<String> partialEnding,
                           List<String> partialMiddle) {
        static Queries write(Path control, List<String> sample) throws IOException {
            Random random = new Random(7);
            List<String> exact = new ArrayList<>();
            List<String> ending = new ArrayList<>();
            List<String> middle = new ArrayList<>();
            List<String> partial = new ArrayList<>();
            for (int i = 0; i < QUERIES_PER_FILE; i++) {
                exact.add(body(spelling(sample.get(random.nextInt(sample.size())), random.nextInt(4)), true));
                String e = endingDigits(sample.get(random.nextInt(sample.size())), random);
                String m = middleDigits(sample.get(random.nextInt(sample.size())), random);
                ending.add(body(e, false));
                middle.add(body(m, false));
                partial.add(body(random.nextBoolean() ? e : m, false)); // the mix: half endings, half middles
            }
            Files.write(control.resolve("exact.txt"), exact);
            Files.write(control.resolve("partial.txt"), partial);
            Files.write(control.resolve("partial-ending.txt"), ending);
            Files.write(control.resolve("partial-middle.txt"), middle);
            return new Queries(exact, partial, ending, middle);
        }

        /** One of the four spellings of a number that exists. */
        private static String spelling(String national, int which) {
            return switch (which) {
                case 0 -> national;
                case 1 -> "+84" + national.substring(1);
                case 2 -> "84" + national.substring(1);
                default -> national.substring(0, 3) + " " + national.substring(3, 6) + " " + national.substring(6);
            };
        }

        /** The last 4 to 7 digits. */
        private static String endingDigits(String national, Random random) {
            return national.substring(national.length() - (4 + random.nextInt(4)));
        }

        /** 5 to 8 digits from inside the number (after the trunk 0). */
        private static String middleDigits(String national, Random random) {
            int length = 5 + random.nextInt(4);
            int start = 1 + random.nextInt(national.length() - length);
            return national.substring(start, start + length);
        }

        private static String body(String phoneNumber, boolean exact) {
            return "{\"phoneNumber\":\"" + phoneNumber + "\",\"exactMatch\":" + exact + "}";
        }
    }

    private static String padded(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the OS cleans it eventually
        }
    }
}
