package io.callcenter.agents;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the real application, as {@code main} would, in a database schema of its own so that its rows and its relay
 * do not meet the other tests'. Its call-events listener stays off (it would join the shared consumer group).
 */
final class IsolatedApplication implements AutoCloseable {
    final String schema;
    private ConfigurableApplicationContext context;

    IsolatedApplication(String prefix) {
        this.schema = prefix + "_" + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt(), 36);
    }

    /** The JDBC URL of this schema (the shared test database, current schema set). */
    String jdbcUrl() {
        String base = System.getProperty("spring.datasource.url");
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    IsolatedApplication start(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + jdbcUrl(),
                "--spring.flyway.schemas=" + schema,
                "--spring.kafka.listener.auto-startup=false"));
        args.addAll(List.of(extraArgs));
        context = new SpringApplicationBuilder(AgentDirectoryApplication.class).run(args.toArray(String[]::new));
        return this;
    }

    ApiClient api() {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }

    /** Stops the application (its relay first, like any shutdown). */
    void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
