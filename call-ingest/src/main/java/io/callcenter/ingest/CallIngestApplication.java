package io.callcenter.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * call-ingest: the VoiceBot reports calls over REST ({@code calls.CallController}); each becomes a {@code StartCall}
 * command on the call-commands topic, next to the CRMs' answer and end commands. One Kafka Streams processor
 * ({@code calls.CallLifecycleProcessor}) applies every command per callId, in order, against a persistent state store,
 * and publishes the lifecycle events (exactly once) that CRMs, agent-directory and data teams consume.
 */
@SpringBootApplication
@EnableConfigurationProperties(IngestProperties.class)
public class CallIngestApplication {
    public static void main(String[] args) {
        SpringApplication.run(CallIngestApplication.class, args);
    }
}
