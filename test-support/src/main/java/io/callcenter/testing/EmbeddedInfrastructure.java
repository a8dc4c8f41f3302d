package io.callcenter.testing;

import io.callcenter.infra.FreePorts;
import io.callcenter.infra.KafkaBroker;
import io.callcenter.infra.Postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A child-process Kafka broker and embedded PostgreSQL in a fresh temporary folder. */
final class EmbeddedInfrastructure implements Infrastructure {
    private final KafkaBroker kafka;
    private final Postgres postgres;

    EmbeddedInfrastructure() {
        try {
            Path root = Files.createTempDirectory("callcenter-test-");
            postgres = Postgres.start(root.resolve("postgres"), FreePorts.pick());
            kafka = new KafkaBroker(root.resolve("kafka"), FreePorts.pick(), 3, KafkaBroker.Jit.QUICK_START).start();
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "test-infrastructure-shutdown"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void shutdown() {
        kafka.kill();
        postgres.close();
    }

    @Override
    public String kind() {
        return "embedded (Kafka " + kafka.bootstrapServers() + ", log " + kafka.logFile() + "; PostgreSQL port "
                + postgres.port() + ")";
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public String databaseUser() {
        return Postgres.USER;
    }

    @Override
    public String databasePassword() {
        return Postgres.PASSWORD;
    }

    @Override
    public void createDatabase(String database) {
        postgres.createDatabase(database);
    }

    @Override
    public void stopKafka() {
        kafka.stop();
    }

    @Override
    public void killKafka() {
        kafka.kill();
    }

    @Override
    public void startKafka() {
        kafka.start();
    }
}
