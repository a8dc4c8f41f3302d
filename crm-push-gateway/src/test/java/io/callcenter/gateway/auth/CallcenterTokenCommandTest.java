package io.callcenter.gateway.auth;

import io.callcenter.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@code ./callcenter token} mints tokens the gateway accepts, with the role, agent and lifetime asked for. */
class CallcenterTokenCommandTest {
    private static final String SECRET = "callcenter-token-command-secret-0123456789";
    private static final Path SCRIPT = Path.of("..", "callcenter").toAbsolutePath().normalize();

    private record Run(int exit, String out, String err) {
    }

    private static Run token(String... options) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString(), "token"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CALLCENTER_GATEWAY_AUTH_JWT_SECRET", SECRET);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).trim(), new String(process.getErrorStream().readAllBytes(),
                StandardCharsets.UTF_8).trim());
    }

    private static TokenVerifier verifier() {
        return new TokenVerifier(new GatewayProperties.Auth(true, SECRET, null, null, null, Duration.ZERO, null));
    }

    @Test
    void theDefaultIsACrmSystemTokenForEightHours() throws Exception {
        assumeThat(Files.isRegularFile(SCRIPT)).isTrue();
        Run run = token();

        assertThat(run.exit()).as(run.err()).isZero();
        Identity identity = verifier().identityOf(run.out());
        assertThat(identity.role()).isEqualTo(Role.CRM_SYSTEM);
        assertThat(identity.subject()).isEqualTo("crm_main");
        assertThat(Duration.between(Instant.now(), identity.expiresAt()))
                .isBetween(Duration.ofHours(8).minusMinutes(1), Duration.ofHours(8));
    }

    @Test
    void anAgentTokenCarriesItsAgentIdAndTheAskedLifetime() throws Exception {
        assumeThat(Files.isRegularFile(SCRIPT)).isTrue();
        Run run = token("--role", "agent", "--agent-id", "2", "--ttl", "600");

        Identity identity = verifier().identityOf(run.out());
        assertThat(identity.role()).isEqualTo(Role.AGENT);
        assertThat(identity.agentId()).isEqualTo(2);
        assertThat(Duration.between(Instant.now(), identity.expiresAt()))
                .isBetween(Duration.ofSeconds(540), Duration.ofSeconds(600));
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() throws Exception {
        assumeThat(Files.isRegularFile(SCRIPT)).isTrue();
        record Case(String[] options, String message) {
        }
        for (Case c : List.of(new Case(new String[]{"--role", "admin"}, "--role"),
                new Case(new String[]{"--role", "agent"}, "--agent-id"),
                new Case(new String[]{"--agent-id", "3"}, "--agent-id"),
                new Case(new String[]{"--ttl", "-5"}, "--ttl"),
                new Case(new String[]{"--subject", "a\"b"}, "--subject"),
                new Case(new String[]{"--bogus"}, "--bogus"))) {
            Run run = token(c.options());
            assertThat(run.exit()).as(String.join(" ", c.options())).isNotZero();
            assertThat(run.err()).as(String.join(" ", c.options())).contains(c.message());
            assertThat(run.out()).isEmpty();
        }
    }
}
