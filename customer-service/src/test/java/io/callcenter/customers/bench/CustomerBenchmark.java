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

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The customer-service benchmark (not a test): starts embedded PostgreSQL and the service (in this JVM, random
 * port), generates a CSV of customers, imports it through {@code POST /api/customers/import} (timed), then runs
 * exact and partial searches through {@code POST /api/customers/search} from concurrent client threads after a
 * warm-up, and prints p50/p95/p99/max per kind and writes them as JSON.
 *
 * <p>Run: {@code customer-service/bench.sh [rows] [threads] [requestsPerThread] [resultFile]}
 * (defaults 1000000 8 500 customer-service/target/bench/customer-service.json).
 */
public final class CustomerBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
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
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int perThread = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path resultFile = Path.of(args.length > 3 ? args[3] : "customer-service/target/bench/customer-service.json");

        Path work = Files.createTempDirectory("customer-bench-");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("rows", rows);
        result.put("clientThreads", threads);
        result.put("requestsPerThreadPerKind", perThread);
        result.put("loadAverageAtStart", loadAverage());

        try (Postgres postgres = Postgres.start(work.resolve("postgres"), FreePorts.pick())) {
            postgres.createDatabase("customers");
            Path csv = work.resolve("customers.csv");
            long generateStart = System.nanoTime();
            List<String> sample = generate(csv, rows);
            log("generated %d rows (%d MB) in %.1f s", rows, Files.size(csv) >> 20, seconds(generateStart));

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

                if (perThread == 0) {
                    log("searches skipped (requestsPerThread = 0)");
                } else {
                    Searches searches = new Searches(client, base, sample, dataDir);
                    searchLoad(result, searches, threads, perThread);
                    // the same queries without HTTP: what the service and PostgreSQL cost, one at a time
                    CustomerService service = app.getBean(CustomerService.class);
                    result.put("exactInProcess", inProcess("exact, in-process", service, searches::exactQuery));
                    result.put("partialInProcess", inProcess("partial, in-process", service,
                            searches::partialQuery));
                }
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

    private static void searchLoad(Map<String, Object> result, Searches searches, int threads, int perThread)
            throws Exception {
        searches.run("warm-up exact", threads, 250, searches::exactQuery);
        searches.run("warm-up partial", threads, 250, searches::partialQuery);
        // one client at a time: the service time of a request, without queueing behind the other clients
        result.put("exactOneClient", searches.run("exact, 1 client", 1, 1000, searches::exactQuery));
        result.put("partialOneClient", searches.run("partial, 1 client", 1, 1000, searches::partialQuery));
        result.put("exact", searches.run("exact", threads, perThread, searches::exactQuery));
        result.put("partial", searches.run("partial", threads, perThread, searches::partialQuery));
    }

    private static Map<String, Object> inProcess(String kind, CustomerService service, Supplier<String> queries) {
        long[] latencies = new long[2000];
        for (int i = 0; i < latencies.length; i++) {
            CustomerSearchRequest request = JSON.readValue(queries.get(), CustomerSearchRequest.class);
            long started = System.nanoTime();
            service.search(request);
            latencies[i] = System.nanoTime() - started;
        }
        Arrays.sort(latencies);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("requests", latencies.length);
        stats.put("p50Ms", Searches.millis(latencies, 0.50));
        stats.put("p95Ms", Searches.millis(latencies, 0.95));
        stats.put("p99Ms", Searches.millis(latencies, 0.99));
        stats.put("maxMs", round(latencies[latencies.length - 1] / 1e6));
        log("%-16s %s", kind, stats);
        return stats;
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

    /** Concurrent search load and its latency distribution, measured at the client. */
    private static final class Searches {
        private final HttpClient client;
        private final URI uri;
        private final List<String> sample;
        private final Path dataDir;

        Searches(HttpClient client, String base, List<String> sample, Path dataDir) {
            this.client = client;
            this.uri = URI.create(base + "/api/customers/search");
            this.sample = sample;
            this.dataDir = dataDir;
        }

        /** One of the four spellings of a number that exists. */
        String exactQuery() {
            String national = pick();
            String number = switch (ThreadLocalRandom.current().nextInt(4)) {
                case 0 -> national;
                case 1 -> "+84" + national.substring(1);
                case 2 -> "84" + national.substring(1);
                default -> national.substring(0, 3) + " " + national.substring(3, 6) + " " + national.substring(6);
            };
            return "{\"phoneNumber\":\"" + number + "\",\"exactMatch\":true}";
        }

        /** Half the time the last 4 to 7 digits, half the time 5 to 8 digits from inside the number. */
        String partialQuery() {
            String national = pick();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String digits;
            if (random.nextBoolean()) {
                digits = national.substring(national.length() - (4 + random.nextInt(4)));
            } else {
                int length = 5 + random.nextInt(4);
                int start = 1 + random.nextInt(national.length() - length);
                digits = national.substring(start, start + length);
            }
            return "{\"phoneNumber\":\"" + digits + "\",\"exactMatch\":false}";
        }

        private String pick() {
            return sample.get(ThreadLocalRandom.current().nextInt(sample.size()));
        }

        Map<String, Object> run(String kind, int threads, int perThread, Supplier<String> queries) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            double cpuBefore = jvmCpuSeconds() + postgresCpuSeconds(dataDir);
            long start = System.nanoTime();
            List<Future<long[]>> futures = new ArrayList<>();
            long[] results = new long[2]; // found, empty
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long[] latencies = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(queries.get())).build();
                        long sent = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        latencies[i] = System.nanoTime() - sent;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(kind + " search failed: " + response.body());
                        }
                        synchronized (results) {
                            results[response.body().contains("\"id\"") ? 0 : 1]++;
                        }
                    }
                    return latencies;
                }));
            }
            long[] all = new long[threads * perThread];
            int n = 0;
            for (Future<long[]> f : futures) {
                long[] part = f.get();
                System.arraycopy(part, 0, all, n, part.length);
                n += part.length;
            }
            double elapsed = seconds(start);
            double cpu = jvmCpuSeconds() + postgresCpuSeconds(dataDir) - cpuBefore;
            pool.shutdown();
            Arrays.sort(all);
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("requests", all.length);
            stats.put("withResults", results[0]);
            stats.put("throughputPerSecond", Math.round(all.length / elapsed));
            stats.put("p50Ms", millis(all, 0.50));
            stats.put("p95Ms", millis(all, 0.95));
            stats.put("p99Ms", millis(all, 0.99));
            stats.put("maxMs", round(all[all.length - 1] / 1e6));
            // client + service + PostgreSQL CPU per request: what the machine's cores must supply for each
            stats.put("cpuMsPerRequest", round(cpu * 1000 / all.length));
            log("%-16s %s", kind, stats);
            return stats;
        }

        static double millis(long[] sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return round(sorted[Math.max(0, index)] / 1e6);
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
