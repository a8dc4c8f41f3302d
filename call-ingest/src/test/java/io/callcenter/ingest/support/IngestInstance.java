package io.callcenter.ingest.support;

import io.callcenter.ingest.CallIngestApplication;
import io.callcenter.model.Topics;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.callcenter.ingest.support.LifecycleEvents.WAIT;
import static org.awaitility.Awaitility.await;

/**
 * A call-ingest instance started by a test on its own (outside Spring's test context cache), for restarts and for
 * several instances sharing one application id.
 */
public final class IngestInstance implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private IngestInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** The settings of one instance: its own state directory and instance id, the application id it shares. */
    public static Map<String, Object> settings(String applicationId, Path stateDir, String instanceId,
                                               String remoteUrl) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("server.port", "0");
        settings.put("spring.kafka.streams.application-id", applicationId);
        settings.put("callcenter.ingest.state-dir", stateDir.toString());
        settings.put("callcenter.ingest.instance-id", instanceId);
        settings.put("callcenter.ingest.customer-service-url", remoteUrl);
        return settings;
    }

    public static IngestInstance start(Map<String, Object> settings, String... profiles) {
        return new IngestInstance(new SpringApplicationBuilder(CallIngestApplication.class).profiles(profiles)
                .run(arguments(settings)));
    }

    /** As command-line arguments: they win over application.yml (builder "properties" would not). */
    public static String[] arguments(Map<String, Object> settings) {
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** A VoiceBot client, once the instance's Kafka Streams answers queries. */
    public VoiceBotClient client() {
        VoiceBotClient voiceBot = new VoiceBotClient(port());
        await().atMost(WAIT).until(() -> voiceBot.get("/api/v1/calls").status() == 200);
        return voiceBot;
    }

    /**
     * How many lifecycle tasks (partitions of the commands topic) this instance processes now; the agent-seat
     * sub-topology has tasks of its own, not counted here.
     */
    public int activeTasks() {
        KafkaStreams streams = context.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
        return streams == null ? 0 : (int) streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .filter(task -> task.topicPartitions().stream()
                        .anyMatch(partition -> partition.topic().equals(Topics.CALL_COMMANDS)))
                .count();
    }

    @Override
    public void close() {
        context.close();
    }
}
