package io.callcenter.gateway;

import io.callcenter.gateway.socket.SocketServer;
import io.callcenter.infra.FreePorts;
import io.callcenter.testing.RealInfrastructureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One gateway (a whole Spring context) on random ports against the test broker; several can run side by side. */
public final class GatewayInstance implements AutoCloseable {
    private final String instanceId;
    private final int port;
    private final ConfigurableApplicationContext context;

    private GatewayInstance(String instanceId, Map<String, String> settings) {
        this.instanceId = instanceId;
        this.port = FreePorts.pick();
        List<String> args = new ArrayList<>(List.of(
                "--callcenter.gateway.port=" + port,
                "--callcenter.gateway.instance-id=" + instanceId,
                "--server.port=0",
                "--spring.kafka.bootstrap-servers="
                        + RealInfrastructureExtension.infrastructure().kafkaBootstrapServers()));
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        this.context = new SpringApplicationBuilder(CrmPushGatewayApplication.class).run(args.toArray(String[]::new));
    }

    public static GatewayInstance start(String instanceId) {
        return new GatewayInstance(instanceId, Map.of());
    }

    public static GatewayInstance start(String instanceId, Map<String, String> settings) {
        return new GatewayInstance(instanceId, settings);
    }

    public String instanceId() {
        return instanceId;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public String managementUrl() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int libraryClientCount() {
        return bean(SocketServer.class).libraryClientCount();
    }

    @Override
    public void close() {
        context.close();
    }
}
