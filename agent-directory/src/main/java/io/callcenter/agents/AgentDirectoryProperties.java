package io.callcenter.agents;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of agent-directory ({@code callcenter.agents.*}); defaults in {@code application.yml}. Checked at start-up,
 * so that a bad value stops the service with a message naming the setting instead of misbehaving later (a batch size
 * of 0 made the relay drain loop forever; a zero interval would spin).
 *
 * @param outbox       how the outbox relay publishes to Kafka
 * @param callEvents   how applied call events are remembered
 * @param housekeeping when expired rows are deleted
 */
@Validated
@ConfigurationProperties("callcenter.agents")
public record AgentDirectoryProperties(@NotNull @Valid Outbox outbox, @NotNull @Valid CallEvents callEvents,
                                       @NotNull @Valid HousekeepingSchedule housekeeping) {

    /** @param processedRetention how long an applied call event's id is kept to recognise its redelivery */
    public record CallEvents(@NotNull @DurationMin(millis = 1) Duration processedRetention) {
    }

    /**
     * @param pollInterval pause between two looks at the outbox when nothing woke the relay (rows committed before a
     *                     restart, or by another instance)
     * @param batchSize    rows sent per round trip
     * @param sendTimeout  how long to wait for Kafka's acknowledgement before retrying on the next round; must be
     *                     longer than the producer's {@code delivery.timeout.ms} (checked by {@link OutboxRelay})
     * @param retention    how long published rows are kept (for inspection) before they are deleted
     */
    public record Outbox(@NotNull @DurationMin(millis = 1) Duration pollInterval,
                         @Positive int batchSize,
                         @NotNull @DurationMin(millis = 1) Duration sendTimeout,
                         @NotNull @DurationMin(millis = 1) Duration retention) {
    }

    /**
     * Read by {@link Housekeeping}'s {@code @Scheduled} through placeholders; bound here so that they are checked.
     *
     * @param initialDelay how long after start-up the first clean-up runs
     * @param interval     pause between the end of one clean-up and the start of the next
     */
    public record HousekeepingSchedule(@NotNull @DurationMin(millis = 0) Duration initialDelay,
                                       @NotNull @DurationMin(millis = 1) Duration interval) {
    }
}
