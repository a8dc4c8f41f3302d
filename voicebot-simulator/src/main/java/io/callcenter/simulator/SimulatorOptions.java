package io.callcenter.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of the simulator. Unknown or malformed options are refused with a message naming them.
 *
 * @param calls        how many calls to place
 * @param ratePerSecond calls started per second
 * @param hangupAfter  how long after its start each call is hung up by the caller ({@code customer_hangup}); zero
 *                     leaves calls to be answered, rejected or timed out
 * @param knownShare   share of calls from numbers of known (demo) customers, 0..1
 * @param ingestUrl    base URL of call-ingest
 * @param apiKey       the VoiceBot API key, or null
 * @param postLog      file to which each call's id and the wall-clock instant of its POST (epoch microseconds) are
 *                     written, one {@code callId,epochMicros} line per call, for latency benchmarks; or null
 */
public record SimulatorOptions(int calls, double ratePerSecond, Duration hangupAfter, double knownShare, URI ingestUrl,
                               String apiKey, java.nio.file.Path postLog) {

    public static final String USAGE = """
            usage: callcenter simulate [--calls N] [--rate R] [--hangup-after S] [--known-share F] [--ingest-url URL] [--api-key KEY]
              --calls N          calls to place (default 10)
              --rate R           calls started per second (default 1)
              --hangup-after S   seconds after which the caller hangs up; 0 = never (default 20)
              --known-share F    share of callers that are known customers, 0..1 (default 0.7)
              --ingest-url URL   call-ingest base URL (default http://localhost:8081, env CALLCENTER_INGEST_URL)
              --api-key KEY      X-Api-Key for call-ingest (default env CALLCENTER_INGEST_API_KEY)
              --post-log FILE    write 'callId,epochMicros' of every POST to FILE (benchmarks)""";

    public static SimulatorOptions parse(String... args) {
        int calls = 10;
        double rate = 1;
        double hangup = 20;
        double known = 0.7;
        String url = envOr("CALLCENTER_INGEST_URL", "http://localhost:8081");
        String apiKey = System.getenv("CALLCENTER_INGEST_API_KEY");
        java.nio.file.Path postLog = null;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("option " + option + " needs a value\n" + USAGE);
            }
            String value = rest.remove(0);
            switch (option) {
                case "--calls" -> calls = positiveInt(option, value);
                case "--rate" -> rate = positiveNumber(option, value);
                case "--hangup-after" -> hangup = nonNegativeNumber(option, value);
                case "--known-share" -> known = share(option, value);
                case "--ingest-url" -> url = value;
                case "--api-key" -> apiKey = value;
                case "--post-log" -> postLog = java.nio.file.Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        return new SimulatorOptions(calls, rate, Duration.ofMillis(Math.round(hangup * 1000)), known,
                URI.create(url.replaceAll("/+$", "")), apiKey, postLog);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int positiveInt(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive integer, got '" + value + "'");
    }

    private static double positiveNumber(String option, String value) {
        double n = number(option, value);
        if (n <= 0) {
            throw new IllegalArgumentException(option + " must be greater than 0, got '" + value + "'");
        }
        return n;
    }

    private static double nonNegativeNumber(String option, String value) {
        double n = number(option, value);
        if (n < 0) {
            throw new IllegalArgumentException(option + " must not be negative, got '" + value + "'");
        }
        return n;
    }

    private static double share(String option, String value) {
        double n = number(option, value);
        if (n < 0 || n > 1) {
            throw new IllegalArgumentException(option + " must be between 0 and 1, got '" + value + "'");
        }
        return n;
    }

    private static double number(String option, String value) {
        try {
            double n = Double.parseDouble(value);
            if (Double.isFinite(n)) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a number, got '" + value + "'");
    }
}
