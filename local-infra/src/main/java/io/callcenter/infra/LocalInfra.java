package io.callcenter.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local infrastructure for {@code ./callcenter up}: a Kafka broker and PostgreSQL with one database per
 * service, state under one folder. Prints {@code READY} on standard output once both accept connections, and stops
 * both cleanly on SIGTERM or Ctrl-C.
 *
 * <p>Usage: {@code LocalInfra <stateDir> <kafkaPort> <postgresPort> [database...]}
 */
public final class LocalInfra {
    private static final Logger log = LoggerFactory.getLogger(LocalInfra.class);

    private LocalInfra() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: LocalInfra <stateDir> <kafkaPort> <postgresPort> [database...]");
            System.exit(2);
        }
        Path state = Path.of(args[0]).toAbsolutePath();
        int kafkaPort = Integer.parseInt(args[1]);
        int postgresPort = Integer.parseInt(args[2]);
        List<String> databases = List.of(args).subList(3, args.length);

        Postgres postgres = Postgres.start(state.resolve("postgres"), postgresPort);
        databases.forEach(postgres::createDatabase);
        KafkaBroker kafka = new KafkaBroker(state.resolve("kafka"), kafkaPort, 3, KafkaBroker.Jit.STEADY_STATE)
                .start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping Kafka and PostgreSQL");
            kafka.stop();
            postgres.close();
            stopped.countDown();
        }, "local-infra-shutdown"));
        System.out.println("READY kafka=" + kafka.bootstrapServers() + " postgres=" + postgres.jdbcUrl("postgres"));
        System.out.flush();
        stopped.await();
    }
}
