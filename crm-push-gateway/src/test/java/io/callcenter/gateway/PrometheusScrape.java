package io.callcenter.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/** One scrape of a gateway's {@code /actuator/prometheus}, read simply: a sample by metric name and labels. */
final class PrometheusScrape {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String text;

    private PrometheusScrape(String text) {
        this.text = text;
    }

    static PrometheusScrape of(GatewayInstance gateway) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl()
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("prometheus scrape: HTTP " + response.statusCode());
        }
        return new PrometheusScrape(response.body());
    }

    /**
     * The value of the sample named {@code name} whose labels include every {@code label="value"} pair given (e.g.
     * {@code event="incoming_call_to_crm"}); 0 when there is none yet (a counter appears on its first increment).
     */
    double value(String name, String... labels) {
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(label -> labelsOf(line).contains(label)))
                .mapToDouble(PrometheusScrape::sampleValue)
                .findFirst().orElse(0);
    }

    private static String labelsOf(String line) {
        int open = line.indexOf('{');
        int space = line.indexOf(' ');
        return open >= 0 && open < space ? line.substring(open, line.lastIndexOf('}') + 1) : "";
    }

    private static double sampleValue(String line) {
        int close = line.lastIndexOf('}');
        String rest = (close >= 0 ? line.substring(close + 1) : line.substring(line.indexOf(' '))).trim();
        return Double.parseDouble(rest.split("\\s+")[0]);
    }

    @Override
    public String toString() {
        return text;
    }
}
