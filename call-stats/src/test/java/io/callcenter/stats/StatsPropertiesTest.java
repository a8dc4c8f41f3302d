package io.callcenter.stats;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings' defaults, and a bad value stops the start with a message naming the setting. */
class StatsPropertiesTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StatsProperties.class)
    static class Settings {
    }

    @Test
    void defaults() {
        runner.run(context -> {
            StatsProperties stats = context.getBean(StatsProperties.class);
            assertThat(stats.serviceLevelThreshold()).isEqualTo(Duration.ofSeconds(20));
            assertThat(stats.grace()).isEqualTo(Duration.ofMinutes(2));
            assertThat(stats.publishInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(stats.endedCallRetention()).isEqualTo(Duration.ofHours(2));
            assertThat(stats.stateDirectory().toString()).endsWith("call-stats");
        });
    }

    @Test
    void theKeysListedInApplicationYmlKeepTheDefaults() {
        runner.withInitializer(new ConfigDataApplicationContextInitializer()).run(context -> {
            assertThat(context.getEnvironment().containsProperty("callcenter.stats.grace")).isTrue();
            StatsProperties stats = context.getBean(StatsProperties.class);
            assertThat(stats.serviceLevelThreshold()).isEqualTo(Duration.ofSeconds(20));
            assertThat(stats.grace()).isEqualTo(Duration.ofMinutes(2));
            assertThat(stats.publishInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(stats.endedCallRetention()).isEqualTo(Duration.ofHours(2));
        });
    }

    @Test
    void aZeroThresholdIsRefusedNamingTheSetting() {
        runner.withPropertyValues("callcenter.stats.service-level-threshold=0s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("serviceLevelThreshold"));
    }

    @Test
    void aNegativeGraceIsRefusedNamingTheSetting() {
        runner.withPropertyValues("callcenter.stats.grace=-1s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("grace"));
    }

    @Test
    void aPublishIntervalBelow100MsIsRefusedNamingTheSetting() {
        runner.withPropertyValues("callcenter.stats.publish-interval=10ms").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("publishInterval"));
    }
}
