package io.callcenter.gateway;

import io.callcenter.gateway.socket.ClientState;
import io.callcenter.gateway.socket.ConnectedClients;
import io.callcenter.gateway.socket.EventSender;
import io.callcenter.gateway.socket.SocketServer;
import io.callcenter.infra.FreePorts;
import io.callcenter.testing.RealInfrastructureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** One gateway (a whole Spring context) on random ports against the test broker; several can run side by side. */
public final class GatewayInstance implements AutoCloseable {
    /** The instances running in this JVM, for {@link #describeSocket}. */
    private static final List<GatewayInstance> RUNNING = new CopyOnWriteArrayList<>();

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
        RUNNING.add(this);
    }

    /**
     * What every gateway running in this JVM knows of the socket (for a test's failure message): its state, and the
     * events waiting in that gateway's event-loop queues.
     */
    static String describeSocket(String socketId) {
        List<String> seen = new ArrayList<>();
        for (GatewayInstance gateway : RUNNING) {
            ClientState state = gateway.bean(ConnectedClients.class).bySocketId(socketId);
            if (state != null) {
                seen.add(gateway.instanceId + ": " + state + "; " + gateway.bean(EventSender.class).backlog().queued()
                        + " event(s) waiting in its loop queues");
            }
        }
        return seen.isEmpty() ? "socket " + socketId + " is on no running gateway" : String.join("; ", seen);
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
        RUNNING.remove(this);
        context.close();
    }
}
