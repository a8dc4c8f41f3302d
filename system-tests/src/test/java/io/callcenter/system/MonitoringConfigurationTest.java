package io.callcenter.system;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring profile's files fit together and fit docker-compose.yml (no Docker engine here to run them):
 * Prometheus scrapes every service container on its port; the collector's pipeline uses only components it defines
 * and listens where the services send spans; Grafana's dashboard provider reads the folder compose mounts.
 * The rules themselves: {@code promtool check rules deploy/monitoring/alerts.yml}; the metric names:
 * {@code ObservabilityTest}.
 */
class MonitoringConfigurationTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceContainerOnItsPort() throws IOException {
        Map<String, Object> services = (Map<String, Object>) yaml(ROOT.resolve("docker-compose.yml")).get("services");
        Set<String> expected = new HashSet<>();
        services.forEach((name, definition) -> {
            Map<String, Object> service = (Map<String, Object>) definition;
            if (service.get("build") instanceof Map<?, ?> build && build.get("args") instanceof Map<?, ?>) {
                Map<String, Object> env = (Map<String, Object>) service.get("environment");
                expected.add(name + ":" + env.get("SERVER_PORT"));
            }
        });
        assertThat(expected).hasSize(6);

        Set<String> scraped = new HashSet<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) yaml(MonitoringQueries.MONITORING
                .resolve("prometheus.yml")).get("scrape_configs")) {
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            for (Map<String, Object> targets : (List<Map<String, Object>>) job.get("static_configs")) {
                scraped.addAll((List<String>) targets.get("targets"));
            }
        }
        assertThat(scraped).isEqualTo(expected);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCollectorsPipelineIsDefinedAndListensWhereTheServicesSendSpans() throws IOException {
        Map<String, Object> collector = yaml(MonitoringQueries.MONITORING.resolve("otel-collector.yaml"));
        Map<String, Object> pipelines = (Map<String, Object>) ((Map<String, Object>) collector.get("service"))
                .get("pipelines");
        Map<String, Object> traces = (Map<String, Object>) pipelines.get("traces");
        for (String kind : List.of("receivers", "processors", "exporters")) {
            assertThat(((Map<String, Object>) collector.get(kind)).keySet()).as(kind)
                    .containsAll((List<String>) traces.get(kind));
        }
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));
        Map<String, Object> anchors = (Map<String, Object>) compose.get("x-observability-env");
        URI endpoint = URI.create(String.valueOf(anchors.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")));
        assertThat(((Map<String, Object>) compose.get("services")).keySet()).contains(endpoint.getHost(), "jaeger");
        Map<String, Object> otlp = (Map<String, Object>) ((Map<String, Object>) collector.get("receivers")).get("otlp");
        Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) otlp.get("protocols")).get("http");
        assertThat(String.valueOf(http.get("endpoint"))).endsWith(":" + endpoint.getPort());
        assertThat(endpoint.getPath()).isEqualTo("/v1/traces");
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaReadsTheDashboardsFolderComposeMounts() throws IOException {
        Map<String, Object> provider = ((List<Map<String, Object>>) yaml(MonitoringQueries.MONITORING
                .resolve("grafana/provisioning/dashboards/callcenter.yml")).get("providers")).get(0);
        String path = String.valueOf(((Map<String, Object>) provider.get("options")).get("path"));
        Map<String, Object> grafana = (Map<String, Object>) ((Map<String, Object>) yaml(
                ROOT.resolve("docker-compose.yml")).get("services")).get("grafana");
        assertThat((List<String>) grafana.get("volumes"))
                .contains("./deploy/monitoring/grafana/dashboards:" + path + ":ro");
        assertThat((List<String>) grafana.get("profiles")).containsExactly("monitoring");
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }
}
