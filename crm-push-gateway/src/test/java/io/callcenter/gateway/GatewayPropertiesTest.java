package io.callcenter.gateway;

import io.callcenter.gateway.socket.CommandRateLimiter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settings bound the way Spring binds them at start, from environment variables spelled as docker-compose.yml spells
 * them: missing ones take the documented defaults, and a value that cannot work stops the start naming the property
 * and its variable.
 */
class GatewayPropertiesTest {

    @Test
    void missingSettingsTakeTheDefaults() {
        GatewayProperties properties = bind(Map.of());

        assertThat(properties.port()).isEqualTo(8000);
        assertThat(properties.maxPayloadBytes()).isEqualTo(64 * 1024);
        assertThat(properties.maxQueuedEvents()).isEqualTo(4096);
        assertThat(properties.commands().rateLimitPerSecond()).isEqualTo(20);
        assertThat(properties.commands().ackTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.slowClient().maxPendingBytes()).isEqualTo(1024 * 1024);
        assertThat(properties.serveGuideExample()).isTrue();
        assertThat(properties.auth().enabled()).isFalse();
        assertThat(properties.recoveryWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.callEventsTopic()).isEqualTo("callcenter.call-events.v2");
    }

    @Test
    void theEnvironmentVariablesAsDockerComposeSpellsThemAreBound() {
        GatewayProperties properties = bind(Map.ofEntries(
                Map.entry("CALLCENTER_GATEWAY_PORT", "8001"),
                Map.entry("CALLCENTER_GATEWAY_INSTANCE_ID", "gateway-1"),
                Map.entry("CALLCENTER_GATEWAY_CORS_ORIGINS", "http://crm.example,http://other.example"),
                Map.entry("CALLCENTER_GATEWAY_AGENT_DIRECTORY_URL", "http://agent-directory:8082"),
                Map.entry("CALLCENTER_GATEWAY_CUSTOMER_SERVICE_URL", "http://customer-service:8083"),
                Map.entry("CALLCENTER_GATEWAY_AUTH_ENABLED", "true"),
                Map.entry("CALLCENTER_GATEWAY_AUTH_JWT_SECRET", SECRET_OF_32_BYTES),
                Map.entry("CALLCENTER_GATEWAY_AUTH_ISSUER", "https://idp.example/realms/cc"),
                Map.entry("CALLCENTER_GATEWAY_AUTH_AUDIENCE", "crm-push-gateway"),
                Map.entry("CALLCENTER_GATEWAY_AUTH_CLOCK_SKEW", "5s"),
                Map.entry("CALLCENTER_GATEWAY_AUTH_CONNECT_TIMEOUT", "3s"),
                Map.entry("CALLCENTER_GATEWAY_COMMANDS_RATE_LIMIT_PER_SECOND", "7"),
                Map.entry("CALLCENTER_GATEWAY_COMMANDS_ACK_TIMEOUT", "750ms"),
                Map.entry("CALLCENTER_GATEWAY_SLOW_CLIENT_MAX_UNWRITABLE", "9s"),
                Map.entry("CALLCENTER_GATEWAY_MAX_QUEUED_EVENTS", "99"),
                Map.entry("CALLCENTER_GATEWAY_SERVE_GUIDE_EXAMPLE", "false"),
                Map.entry("CALLCENTER_GATEWAY_RECOVERY_WINDOW", "90s"),
                Map.entry("CALLCENTER_GATEWAY_DRAIN_TIMEOUT", "8s"),
                Map.entry("CALLCENTER_GATEWAY_CALL_EVENTS_TOPIC", "callcenter.call-events.v1")));

        assertThat(properties.port()).isEqualTo(8001);
        assertThat(properties.instanceId()).isEqualTo("gateway-1");
        assertThat(properties.corsOrigins()).containsExactly("http://crm.example", "http://other.example");
        assertThat(properties.agentDirectoryUrl()).isEqualTo("http://agent-directory:8082");
        assertThat(properties.customerServiceUrl()).isEqualTo("http://customer-service:8083");
        assertThat(properties.auth()).isEqualTo(new GatewayProperties.Auth(true, SECRET_OF_32_BYTES, "",
                "https://idp.example/realms/cc", "crm-push-gateway", Duration.ofSeconds(5), Duration.ofSeconds(3)));
        assertThat(properties.commands().rateLimitPerSecond()).isEqualTo(7);
        assertThat(properties.commands().ackTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(properties.slowClient().maxUnwritable()).isEqualTo(Duration.ofSeconds(9));
        assertThat(properties.maxQueuedEvents()).isEqualTo(99);
        assertThat(properties.serveGuideExample()).isFalse();
        assertThat(properties.recoveryWindow()).isEqualTo(Duration.ofSeconds(90));
        assertThat(properties.drainTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(properties.callEventsTopic()).isEqualTo("callcenter.call-events.v1");
    }

    @Test
    void eachValueThatCannotWorkStopsTheStartNamingThePropertyAndItsVariable() {
        record Case(String variable, String value, String property) {
        }
        List<Case> cases = List.of(
                new Case("CALLCENTER_GATEWAY_PORT", "70000", "callcenter.gateway.port"),
                new Case("CALLCENTER_GATEWAY_MAX_PAYLOAD_BYTES", "100", "callcenter.gateway.max-payload-bytes"),
                new Case("CALLCENTER_GATEWAY_MAX_QUEUED_EVENTS", "0", "callcenter.gateway.max-queued-events"),
                new Case("CALLCENTER_GATEWAY_REPLAY_WINDOW", "-1h", "callcenter.gateway.replay-window"),
                new Case("CALLCENTER_GATEWAY_RECOVERY_WINDOW", "-1s", "callcenter.gateway.recovery-window"),
                new Case("CALLCENTER_GATEWAY_DRAIN_TIMEOUT", "0s", "callcenter.gateway.drain-timeout"),
                new Case("CALLCENTER_GATEWAY_CALL_EVENTS_TOPIC", "callcenter.call-events.v3",
                        "callcenter.gateway.call-events-topic"),
                new Case("CALLCENTER_GATEWAY_PING_INTERVAL", "0s", "callcenter.gateway.ping-interval"),
                new Case("CALLCENTER_GATEWAY_UPSTREAM_TIMEOUT", "-3s", "callcenter.gateway.upstream-timeout"),
                new Case("CALLCENTER_GATEWAY_CUSTOMER_SERVICE_URL", "customer-service:8083",
                        "callcenter.gateway.customer-service-url"),
                new Case("CALLCENTER_GATEWAY_COMMANDS_RATE_LIMIT_PER_SECOND", "-1",
                        "callcenter.gateway.commands.rate-limit-per-second"),
                new Case("CALLCENTER_GATEWAY_COMMANDS_ACK_TIMEOUT", "0s", "callcenter.gateway.commands.ack-timeout"),
                new Case("CALLCENTER_GATEWAY_SLOW_CLIENT_MAX_POLLING_QUEUE", "0",
                        "callcenter.gateway.slow-client.max-polling-queue"),
                new Case("CALLCENTER_GATEWAY_AUTH_ENABLED", "true", "callcenter.gateway.auth.jwt-secret"),
                new Case("CALLCENTER_GATEWAY_AUTH_CLOCK_SKEW", "-1s", "callcenter.gateway.auth.clock-skew"),
                new Case("CALLCENTER_GATEWAY_AUTH_CONNECT_TIMEOUT", "0s", "callcenter.gateway.auth.connect-timeout"));
        for (Case c : cases) {
            assertThatThrownBy(() -> bind(Map.of(c.variable(), c.value()))).as(c.toString())
                    .rootCause().isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c.property())
                    .hasMessageContaining(c.property().equals("callcenter.gateway.auth.jwt-secret")
                            ? "CALLCENTER_GATEWAY_AUTH_JWT_SECRET" : c.variable());
        }
    }

    @Test
    void anHs256SecretShorterThan256BitsStopsTheStartNamingTheSetting() {
        String thirtyOneBytes = SECRET_OF_32_BYTES.substring(1);

        assertThatThrownBy(() -> bind(Map.of("CALLCENTER_GATEWAY_AUTH_ENABLED", "true",
                "CALLCENTER_GATEWAY_AUTH_JWT_SECRET", thirtyOneBytes)))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callcenter.gateway.auth.jwt-secret")
                .hasMessageContaining("CALLCENTER_GATEWAY_AUTH_JWT_SECRET")
                .hasMessageContaining("at least 32 bytes (256 bits)").hasMessageContaining("got 31");
    }

    @Test
    void theSecretIsMeasuredInUtf8BytesNotCharacters() {
        String elevenCharactersOf33Bytes = "ệệệệệệệệệệệ"; // each U+1EC7 is three bytes in UTF-8

        GatewayProperties properties = bind(Map.of("CALLCENTER_GATEWAY_AUTH_ENABLED", "true",
                "CALLCENTER_GATEWAY_AUTH_JWT_SECRET", elevenCharactersOf33Bytes));

        assertThat(properties.auth().jwtSecret()).isEqualTo(elevenCharactersOf33Bytes);
    }

    @Test
    void aJwkSetUriAloneIsEnoughAndMustBeAnHttpUrl() {
        GatewayProperties properties = bind(Map.of("CALLCENTER_GATEWAY_AUTH_ENABLED", "true",
                "CALLCENTER_GATEWAY_AUTH_JWK_SET_URI", "https://idp.example/realms/cc/protocol/openid-connect/certs"));
        assertThat(properties.auth().jwtSecret()).isEmpty();

        assertThatThrownBy(() -> bind(Map.of("CALLCENTER_GATEWAY_AUTH_ENABLED", "true",
                "CALLCENTER_GATEWAY_AUTH_JWK_SET_URI", "idp.example/certs")))
                .rootCause().hasMessageContaining("callcenter.gateway.auth.jwk-set-uri")
                .hasMessageContaining("CALLCENTER_GATEWAY_AUTH_JWK_SET_URI");
    }

    @Test
    void theRecoveryWindowIsNeverLongerThanTheReplayItIsRebuiltFrom() {
        assertThat(bind(Map.of("CALLCENTER_GATEWAY_RECOVERY_WINDOW", "13h")).recoveryWindow())
                .isEqualTo(Duration.ofHours(12));
        assertThat(bind(Map.of("CALLCENTER_GATEWAY_REPLAY_WINDOW", "0s")).recoveryWindow()).isZero();
        assertThat(bind(Map.of("CALLCENTER_GATEWAY_REPLAY_WINDOW", "1m")).recoveryWindow())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aRateLimitOfZeroMeansUnlimited() {
        GatewayProperties properties = bind(Map.of("CALLCENTER_GATEWAY_COMMANDS_RATE_LIMIT_PER_SECOND", "0"));
        CommandRateLimiter limiter = new CommandRateLimiter(properties.commands().rateLimitPerSecond());

        assertThat(IntStream.range(0, 10_000).allMatch(i -> limiter.tryAcquire())).isTrue();
    }

    private static final String SECRET_OF_32_BYTES = "0123456789abcdef0123456789abcdef";

    /** Binds {@code callcenter.gateway} as Spring does at start, from these variables as the process environment. */
    private static GatewayProperties bind(Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("callcenter.gateway", GatewayProperties.class);
    }
}
