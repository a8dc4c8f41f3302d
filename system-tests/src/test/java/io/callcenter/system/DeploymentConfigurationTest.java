package io.callcenter.system;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable that docker-compose.yml or ./callcenter hands a service must be a setting that service
 * has: a key of its application*.yml (Spring's relaxed binding: {@code CALLCENTER_INGEST_RING_TIMEOUT} is
 * {@code callcenter.ingest.ring-timeout}). A renamed property cannot silently leave ops configuring nothing.
 */
class DeploymentConfigurationTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> SERVICES = Set.of("agent-directory", "customer-service", "call-ingest",
            "crm-push-gateway");
    /** Settings every Spring Boot application has without declaring them. */
    private static final Set<String> SPRING_BUILT_INS = Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS");

    @Test
    void everyComposeEnvironmentVariableIsASettingOfItsService() throws IOException {
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        List<String> checked = new ArrayList<>();
        for (Map<String, Object> service : services.values()) {
            String module = moduleOf(service);
            if (module == null) {
                continue; // kafka, postgres, edge: third-party images
            }
            assertThat(SERVICES).contains(module);
            @SuppressWarnings("unchecked")
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            Set<String> settings = settingsOf(module);
            for (String name : env.keySet()) {
                assertThat(isSetting(name, settings)).as("%s in docker-compose is not a setting of %s", name, module)
                        .isTrue();
                checked.add(module + ":" + name);
            }
        }
        assertThat(checked).hasSizeGreaterThan(20);
    }

    @Test
    void everyVariableTheLocalRunSetsIsASettingOfEveryServiceItReaches() throws IOException {
        String script = Files.readString(ROOT.resolve("callcenter"));
        Matcher perService = Pattern.compile("(?m)^\\s+([a-z-]+)\\)\\s+echo \"([A-Z_]+)=").matcher(script);
        int found = 0;
        while (perService.find()) {
            assertThat(isSetting(perService.group(2), settingsOf(perService.group(1))))
                    .as("%s set by ./callcenter is not a setting of %s", perService.group(2), perService.group(1))
                    .isTrue();
            found++;
        }
        assertThat(found).isEqualTo(SERVICES.size());
        Matcher common = Pattern.compile("\"(SPRING_[A-Z_]+)=").matcher(script);
        while (common.find()) {
            for (String module : SERVICES) {
                if (!common.group(1).startsWith("SPRING_DATASOURCE") || hasDatabase(module)) {
                    assertThat(isSetting(common.group(1), settingsOf(module)))
                            .as("%s set by ./callcenter is not a setting of %s", common.group(1), module).isTrue();
                }
            }
        }
    }

    private static boolean hasDatabase(String module) {
        return module.equals("agent-directory") || module.equals("customer-service");
    }

    private static boolean isSetting(String envName, Set<String> settings) {
        return SPRING_BUILT_INS.contains(envName) || settings.contains(canonical(envName));
    }

    private static String moduleOf(Map<String, Object> service) {
        if (service.get("build") instanceof Map<?, ?> build && build.get("args") instanceof Map<?, ?> args) {
            return (String) args.get("MODULE");
        }
        return null;
    }

    /** The canonical (relaxed-binding) form of every key in the module's application*.yml files. */
    private static Set<String> settingsOf(String module) throws IOException {
        Set<String> keys = new HashSet<>();
        Path resources = ROOT.resolve(module).resolve("src/main/resources");
        try (Stream<Path> files = Files.list(resources)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml")).toList()) {
                for (Map<String, Object> document : yaml(file)) {
                    flatten("", document, keys);
                }
            }
        }
        assertThat(keys).as("settings of %s", module).isNotEmpty();
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Set<String> keys) {
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            keys.add(canonical(key));
            if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(key, (Map<String, Object>) nested, keys);
            }
        }
    }

    private static String canonical(String name) {
        return name.toLowerCase().replaceAll("[^a-z0-9]", "");
    }

    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            LoaderOptions options = new LoaderOptions();
            for (Object document : new Yaml(options).loadAll(reader)) {
                if (document != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) document;
                    documents.add(map);
                }
            }
        }
        return documents;
    }
}
