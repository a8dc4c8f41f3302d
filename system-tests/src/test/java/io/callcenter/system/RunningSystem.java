package io.callcenter.system;

import io.callcenter.infra.FreePorts;
import io.callcenter.testing.Infrastructure;
import io.callcenter.testing.RealInfrastructureExtension;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as in production: the shared real broker and database, and agent-directory, customer-service,
 * call-ingest and any number of crm-push-gateway instances as separate processes, with the {@code demo} data and
 * random ports. Tests can kill, stop and restart each process.
 */
final class RunningSystem implements AutoCloseable {
    private final Infrastructure infra = RealInfrastructureExtension.infrastructure();
    private final Map<String, String> baseEnv = new HashMap<>();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final String agentDirectoryUrl;
    private final String customerServiceUrl;
    private final Path ingestStateDir;
    private final Map<String, String> extraIngestEnv;
    private final Map<String, String> extraGatewayEnv;
    private ServiceProcess callIngest;
    private ServiceProcess agentDirectory;
    private ServiceProcess customerService;
    private final int agentPort;
    private final int customerPort;
    private int ingestPort;

    RunningSystem(Map<String, String> extraIngestEnv, Map<String, String> extraGatewayEnv) throws Exception {
        this(Map.of(), extraIngestEnv, extraGatewayEnv);
    }

    /** With {@code everyService} set for all four services (e.g. structured logs on). */
    RunningSystem(Map<String, String> everyService, Map<String, String> extraIngestEnv,
                  Map<String, String> extraGatewayEnv) throws Exception {
        baseEnv.putAll(everyService);
        this.extraIngestEnv = extraIngestEnv;
        this.extraGatewayEnv = extraGatewayEnv;
        infra.createDatabase("agents");
        infra.createDatabase("customers");
        baseEnv.put("SPRING_PROFILES_ACTIVE", "demo");
        baseEnv.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        baseEnv.put("SPRING_DATASOURCE_USERNAME", infra.databaseUser());
        baseEnv.put("SPRING_DATASOURCE_PASSWORD", infra.databasePassword());
        ingestStateDir = Files.createTempDirectory("call-ingest-state-");

        agentPort = FreePorts.pick();
        customerPort = FreePorts.pick();
        agentDirectoryUrl = "http://127.0.0.1:" + agentPort;
        customerServiceUrl = "http://127.0.0.1:" + customerPort;
        startAgentDirectory();
        startCustomerService();
        ingestPort = FreePorts.pick();
        callIngest = startCallIngest();
        agentDirectory.awaitHealthy();
        customerService.awaitHealthy();
        callIngest.awaitHealthy();
    }

    /** A new gateway instance on its own ports; call {@link Gateway#process()}.awaitHealthy() before use. */
    Gateway startGateway(String instanceId) {
        return startGateway(instanceId, Map.of());
    }

    /** A new gateway with these settings on top of the system's (e.g. authentication on for this one only). */
    Gateway startGateway(String instanceId, Map<String, String> settings) {
        int socketPort = FreePorts.pick();
        int managementPort = FreePorts.pick();
        Map<String, String> env = new HashMap<>(Map.of(
                "CALLCENTER_GATEWAY_PORT", Integer.toString(socketPort),
                "CALLCENTER_GATEWAY_INSTANCE_ID", instanceId,
                "CALLCENTER_GATEWAY_AGENT_DIRECTORY_URL", agentDirectoryUrl,
                "CALLCENTER_GATEWAY_CUSTOMER_SERVICE_URL", customerServiceUrl));
        env.putAll(extraGatewayEnv);
        env.putAll(settings);
        ServiceProcess process = launch(instanceId, "crm-push-gateway", managementPort, env);
        return new Gateway(instanceId, URI.create("http://127.0.0.1:" + socketPort), managementPort, process);
    }

    /** {@code process().start()} again restarts it on the same ports with the same settings. */
    record Gateway(String instanceId, URI url, int managementPort, ServiceProcess process) {
    }

    ServiceProcess startCallIngest() {
        Map<String, String> env = new HashMap<>(Map.of(
                "CALLCENTER_INGEST_CUSTOMER_SERVICE_URL", customerServiceUrl,
                "CALLCENTER_INGEST_STATE_DIR", ingestStateDir.toString()));
        env.putAll(extraIngestEnv);
        callIngest = launch("call-ingest", "call-ingest", ingestPort, env);
        return callIngest;
    }

    /** call-stats (live statistics) on its own port and state directory; not started unless a test asks. */
    ServiceProcess startCallStats() throws java.io.IOException {
        return launch("call-stats", "call-stats", FreePorts.pick(), Map.of(
                "CALLCENTER_STATS_STATE_DIR", Files.createTempDirectory("call-stats-state-").toString()));
    }

    ServiceProcess callIngest() {
        return callIngest;
    }

    ServiceProcess startAgentDirectory() {
        agentDirectory = launch("agent-directory", "agent-directory", agentPort, Map.of(
                "SPRING_DATASOURCE_URL", infra.jdbcUrl("agents")));
        return agentDirectory;
    }

    ServiceProcess startCustomerService() {
        customerService = launch("customer-service", "customer-service", customerPort, Map.of(
                "SPRING_DATASOURCE_URL", infra.jdbcUrl("customers")));
        return customerService;
    }

    ServiceProcess agentDirectory() {
        return agentDirectory;
    }

    ServiceProcess customerService() {
        return customerService;
    }

    URI agentDirectoryUrl() {
        return URI.create(agentDirectoryUrl);
    }

    URI customerServiceUrl() {
        return URI.create(customerServiceUrl);
    }

    URI ingestUrl() {
        return URI.create("http://127.0.0.1:" + ingestPort);
    }

    Infrastructure infrastructure() {
        return infra;
    }

    private ServiceProcess launch(String name, String module, int port, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.put("SERVER_PORT", Integer.toString(port));
        env.putAll(extra);
        ServiceProcess process = new ServiceProcess(name, module, env,
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).start();
        processes.add(process);
        return process;
    }

    @Override
    public void close() {
        processes.forEach(ServiceProcess::stop);
    }
}
