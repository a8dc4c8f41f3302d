package io.callcenter.gateway;

import io.callcenter.model.stats.CallCenterStatsUpdated;
import io.callcenter.model.stats.CallCenterStatsUpdated.AgentsByStatus;
import io.callcenter.model.stats.CallCenterStatsUpdated.CallFigures;
import io.callcenter.model.stats.CallCenterStatsUpdated.Now;
import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.callcenter.gateway.JavaCrmClient.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * call-stats' snapshots on the gateway: {@code GET /api/call-center/stats} serves the latest in the envelope, and
 * {@code call_center_stats} reaches only the sockets that joined with {@code stats: true}; the guide's join (no
 * {@code stats}) receives nothing new. Snapshots are published straight to {@code callcenter.call-stats.v1}, as
 * call-stats would.
 */
@RealInfrastructure
class CallCenterStatsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void onlyASocketThatAskedReceivesTheStatsAndRestServesTheLatest() throws Exception {
        GatewayInstance gateway = SharedGateways.first();
        try (JavaCrmClient guide = JavaCrmClient.connect(gateway.url()).awaitConnected();
             JavaCrmClient wallboard = JavaCrmClient.connect(gateway.url()).awaitConnected()) {
            guide.join();
            joinWithStats(wallboard);

            CallCenterStatsUpdated first = snapshot(3);
            TestEvents.publish(first);
            JsonNode pushed = wallboard.awaitEvent("call_center_stats",
                    data -> data.path("eventId").asString().equals(first.eventId().toString()));
            assertThat(pushed.path("last15Minutes").path("offered").asInt()).isEqualTo(3);
            assertThat(pushed.path("now").path("longestWaitingCallId").asString()).isEqualTo("CALL_STATS_1");

            // the pushes above went out before this call was published; each socket receives in order, so once the
            // guide's client has the call it would have had any stats sent to it
            String marker = TestEvents.newCallId();
            TestEvents.publish(TestEvents.incoming(marker));
            guide.awaitEvent("incoming_call_to_crm", data -> data.path("callId").asString().equals(marker));
            assertThat(guide.named("call_center_stats")).isEmpty();

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(gateway.url() + "/api/call-center/stats")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = CallcenterJson.mapper().readTree(response.body());
            assertThat(body.path("success").asBoolean()).isTrue();
            assertThat(body.path("data").path("eventId").asString()).isEqualTo(first.eventId().toString());
            assertThat(body.path("data").path("serviceLevelThresholdSeconds").asInt()).isEqualTo(20);

            // a newer snapshot replaces it; the wallboard gets it too
            CallCenterStatsUpdated second = snapshot(4);
            TestEvents.publish(second);
            wallboard.awaitEvent("call_center_stats",
                    data -> data.path("eventId").asString().equals(second.eventId().toString()));
            await().atMost(TIMEOUT).until(() -> http.send(HttpRequest.newBuilder(
                            URI.create(gateway.url() + "/api/call-center/stats")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains(second.eventId().toString()));
        }
    }

    @Test
    void aStatsFieldThatIsNotABooleanIsRefusedNamingTheField() {
        GatewayInstance gateway = SharedGateways.first();
        try (JavaCrmClient client = JavaCrmClient.connect(gateway.url()).awaitConnected()) {
            client.emit("join_call_center", "{\"userType\":\"crm_system\",\"stats\":\"yes\"}");
            JsonNode error = client.awaitEvent("error", data -> "join_call_center".equals(data.path("event")
                    .asString()));
            assertThat(error.path("code").asString()).isEqualTo("invalid_field");
            assertThat(error.path("message").asString()).contains("'stats'");
            assertThat(client.named("joined_call_center")).isEmpty();
        }
    }

    private static void joinWithStats(JavaCrmClient client) {
        client.emit("join_call_center", "{\"userType\":\"crm_system\",\"userId\":\"wallboard\",\"stats\":true}");
        client.awaitEvent("joined_call_center", data -> true);
    }

    private static CallCenterStatsUpdated snapshot(int offered) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        CallFigures figures = new CallFigures(minute.minusSeconds(14 * 60), minute.plusSeconds(60), offered, 1, 0, 0,
                0, 1, 1.0, 4.5, 4.5, 0, null);
        return new CallCenterStatsUpdated(UUID.randomUUID(), now, 1, CallCenterStatsUpdated.SCOPE_CALL_CENTER, 20,
                new Now(1, "CALL_STATS_1", 3.0, new AgentsByStatus(1, 1, 0, 0)), figures, figures, List.of(figures),
                List.of());
    }
}
