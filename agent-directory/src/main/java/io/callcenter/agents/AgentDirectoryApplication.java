package io.callcenter.agents;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * agent-directory: owns the agents and their status in PostgreSQL and serves them over REST
 * ({@link AgentController}). Every change, whether from REST or from call events ({@link CallEventsListener}), is
 * written with an outbox row in one transaction by {@link AgentService}; {@link OutboxRelay} publishes those rows to
 * {@code callcenter.agent-events.v1} after commit.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AgentDirectoryApplication {

    public static void main(String[] args) {
        SpringApplication.run(AgentDirectoryApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
