package io.callcenter.system;

import org.json.JSONArray;
import org.json.JSONObject;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL that ops look at, read from {@code deploy/monitoring}: every Grafana panel target's {@code expr} of the
 * provisioned dashboard and every alert rule's {@code expr}, and the metric names each one queries.
 */
final class MonitoringQueries {
    static final Path MONITORING = Path.of("..").toAbsolutePath().normalize().resolve("deploy/monitoring");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private MonitoringQueries() {
    }

    /** The metric names a PromQL expression selects: identifiers that are not functions, keywords or labels. */
    static Set<String> metricNames(String expr) {
        String bare = STRINGS.matcher(expr).replaceAll("\"\"");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGES.matcher(bare).replaceAll(" ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            int next = identifier.end();
            while (next < bare.length() && bare.charAt(next) == ' ') {
                next++;
            }
            boolean function = next < bare.length() && bare.charAt(next) == '(';
            boolean number = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!function && !number && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** "dashboard panel 'title' A" or "alert NAME" → its expression. */
    static Map<String, String> all() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>(dashboard());
        queries.putAll(alerts());
        return queries;
    }

    static Map<String, String> dashboard() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        try (var files = Files.list(MONITORING.resolve("grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JSONArray panels = new JSONObject(Files.readString(file)).getJSONArray("panels");
                for (int i = 0; i < panels.length(); i++) {
                    JSONObject panel = panels.getJSONObject(i);
                    JSONArray targets = panel.getJSONArray("targets");
                    for (int t = 0; t < targets.length(); t++) {
                        JSONObject target = targets.getJSONObject(t);
                        queries.put("dashboard panel '" + panel.getString("title") + "' " + target.getString("refId"),
                                target.getString("expr"));
                    }
                }
            }
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> alerts() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(MONITORING.resolve("alerts.yml"))) {
            Map<String, Object> rules = new Yaml().load(reader);
            for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    queries.put("alert " + rule.get("alert"), String.valueOf(rule.get("expr")));
                }
            }
        }
        return queries;
    }

    /** The metric names in a Prometheus text exposition ({@code /actuator/prometheus}). */
    static Set<String> exposed(String exposition) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    static List<String> missing(Map<String, String> queries, Set<String> exposed) {
        List<String> missing = new ArrayList<>();
        queries.forEach((where, expr) -> metricNames(expr).stream().filter(name -> !exposed.contains(name))
                .forEach(name -> missing.add(where + " queries " + name + ", which no service exposes")));
        return missing;
    }
}
