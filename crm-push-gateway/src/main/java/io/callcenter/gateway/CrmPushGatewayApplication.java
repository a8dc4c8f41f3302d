package io.callcenter.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The CRM push gateway: the integration guide's Socket.IO API and REST endpoints on port 8000, fed by Kafka.
 * Each instance reads every call and agent event (fanout), keeps its own view of ringing/connected calls and agent
 * statuses, and pushes events to its joined CRM sockets (socket); CRM commands go back onto call-commands (commands).
 * Actuator health and Prometheus metrics are on the management port (server.port, 8090).
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class CrmPushGatewayApplication {
    public static void main(String[] args) {
        SpringApplication.run(CrmPushGatewayApplication.class, args);
    }
}
