package io.callcenter.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * JUnit 5 extension giving a test class the real broker and database, started once per test JVM and shared by every
 * test class in it. Before the class runs it sets Spring Boot's standard properties as system properties
 * ({@code spring.kafka.bootstrap-servers}, {@code spring.datasource.*} for the database named by
 * {@link #DATABASE}), so a {@code @SpringBootTest} needs nothing else. Use through {@link RealInfrastructure}.
 */
public final class RealInfrastructureExtension implements BeforeAllCallback {
    /** The database each test JVM uses; one per JVM, so one per Maven module. */
    public static final String DATABASE = "callcenter_test";

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructureExtension.class);
    private static volatile Infrastructure infrastructure;

    /** The shared infrastructure, started on first use. */
    public static Infrastructure infrastructure() {
        Infrastructure current = infrastructure;
        if (current == null) {
            synchronized (RealInfrastructureExtension.class) {
                current = infrastructure;
                if (current == null) {
                    current = dockerAvailable() ? new ContainerInfrastructure() : new EmbeddedInfrastructure();
                    current.createDatabase(DATABASE);
                    log.info("Test infrastructure: {}", current.kind());
                    publishSpringProperties(current);
                    infrastructure = current;
                }
            }
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        infrastructure();
    }

    private static void publishSpringProperties(Infrastructure infra) {
        System.setProperty("spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers());
        System.setProperty("spring.datasource.url", infra.jdbcUrl(DATABASE));
        System.setProperty("spring.datasource.username", infra.databaseUser());
        System.setProperty("spring.datasource.password", infra.databasePassword());
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("callcenter.tests.embedded")) {
            return false;
        }
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false; // no engine to ask; spares the test log Testcontainers' error report
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            log.debug("no Docker engine: {}", e.toString());
            return false;
        }
    }
}
