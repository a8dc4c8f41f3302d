package io.callcenter.stats;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * call-stats: a Kafka Streams application that reads call-events and agent-events and publishes the contact centre's
 * live figures on {@code callcenter.call-stats.v1} ({@code figures.CallStatsTopology}).
 */
@SpringBootApplication
@EnableConfigurationProperties(StatsProperties.class)
public class CallStatsApplication {
    public static void main(String[] args) {
        SpringApplication.run(CallStatsApplication.class, args);
    }
}
