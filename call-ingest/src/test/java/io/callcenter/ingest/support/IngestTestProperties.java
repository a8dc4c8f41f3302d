package io.callcenter.ingest.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Properties that isolate one call-ingest test context: its own Kafka Streams application id and state directory
 * (so no two contexts share a consumer group or RocksDB files) and a random HTTP port.
 */
public final class IngestTestProperties {
    private IngestTestProperties() {
    }

    public static String newApplicationId() {
        return "call-ingest-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Path stateDirFor(String applicationId) {
        return Path.of("target", "kafka-streams", applicationId).toAbsolutePath();
    }

    public static void register(DynamicPropertyRegistry registry, String customerServiceUrl) {
        String applicationId = newApplicationId();
        registry.add("spring.kafka.streams.application-id", () -> applicationId);
        registry.add("callcenter.ingest.state-dir", () -> stateDirFor(applicationId).toString());
        registry.add("callcenter.ingest.instance-id", () -> applicationId + "-instance");
        registry.add("callcenter.ingest.customer-service-url", () -> customerServiceUrl);
    }
}
