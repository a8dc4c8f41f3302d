package io.callcenter.testing;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The same infrastructure from Testcontainers, used automatically when a Docker engine is available. Restarting the
 * broker is not supported here: a restarted container gets a new mapped port.
 */
final class ContainerInfrastructure implements Infrastructure {
    private final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
    private final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine");

    ContainerInfrastructure() {
        kafka.start();
        postgres.start();
    }

    @Override
    public String kind() {
        return "Testcontainers (" + kafka.getDockerImageName() + ", " + postgres.getDockerImageName() + ")";
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getFirstMappedPort() + "/" + database;
    }

    @Override
    public String databaseUser() {
        return postgres.getUsername();
    }

    @Override
    public String databasePassword() {
        return postgres.getPassword();
    }

    @Override
    public void createDatabase(String database) {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(), databaseUser(), databasePassword())) {
            c.createStatement().execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("cannot create database " + database, e);
            }
        }
    }

    @Override
    public void stopKafka() {
        throw new UnsupportedOperationException("broker restarts need the embedded infrastructure");
    }

    @Override
    public void killKafka() {
        stopKafka();
    }

    @Override
    public void startKafka() {
        stopKafka();
    }
}
