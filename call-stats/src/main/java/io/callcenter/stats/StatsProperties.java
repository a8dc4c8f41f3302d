package io.callcenter.stats;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * call-stats' settings ({@code callcenter.stats.*}, e.g. {@code CALLCENTER_STATS_SERVICE_LEVEL_THRESHOLD}); the
 * defaults are here, in one place. Checked at start-up: a bad value stops the service with a message naming the
 * setting.
 *
 * @param serviceLevelThreshold a call answered within this counts for the service level (whole seconds, 1 s - 1 h)
 * @param grace                 how late (behind the newest event seen) an event may arrive and still be counted in
 *                              its minute; later ones are dropped from the counts (logged and counted in
 *                              {@code callcenter_stats_late_events_dropped_total}) but still update what is ringing
 *                              and the agents' status
 * @param publishInterval       snapshots are published at most this often, and only when something changed
 * @param endedCallRetention    how long an ended call's facts are kept, so that a redelivered event of it is
 *                              recognised and not counted again
 * @param stateDir              Kafka Streams state directory; blank means {@code ${java.io.tmpdir}/call-stats}
 */
@Validated
@ConfigurationProperties("callcenter.stats")
public record StatsProperties(
        @DefaultValue("20s") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1) Duration serviceLevelThreshold,
        @DefaultValue("2m") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 30) Duration grace,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 100) Duration publishInterval,
        @DefaultValue("2h") @NotNull @DurationMin(minutes = 1) Duration endedCallRetention,
        @DefaultValue("") String stateDir) {

    public Path stateDirectory() {
        return stateDir == null || stateDir.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "call-stats") : Path.of(stateDir.trim());
    }
}
