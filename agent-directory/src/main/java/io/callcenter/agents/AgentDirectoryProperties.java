package io.callcenter.agents;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of agent-directory ({@code callcenter.agents.*}); defaults in {@code application.yml}.
 *
 * @param outbox     how the outbox relay publishes to Kafka
 * @param callEvents how applied call events are remembered
 */
@ConfigurationProperties("callcenter.agents")
public record AgentDirectoryProperties(Outbox outbox, CallEvents callEvents) {

    /** @param processedRetention how long an applied call event's id is kept to recognise its redelivery */
    public record CallEvents(Duration processedRetention) {
    }

    /**
     * @param pollInterval pause between two looks at the outbox when nothing woke the relay (rows committed before a
     *                     restart, or by another instance)
     * @param batchSize    rows sent per round trip
     * @param sendTimeout  how long to wait for Kafka's acknowledgement before retrying on the next round
     * @param retention    how long published rows are kept (for inspection) before they are deleted
     */
    public record Outbox(Duration pollInterval, int batchSize, Duration sendTimeout, Duration retention) {
    }
}
