package io.callcenter.agents;

import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentStatusChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgentApiTest extends AgentDirectoryIntegrationTest {

    @Test
    void createdAgentIsReturnedWith201AndPublishedWithoutPreviousStatus() {
        int n = unique();
        ApiClient.Response created = post("/api/agents", """
                {"userId": %d, "fullName": "Nguyễn Thị Lan", "extension": "e%d", "status": "away"}"""
                .formatted(n, n));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("success").asBoolean()).isTrue();
        JsonNode agent = created.data();
        int id = agent.get("id").asInt();
        assertThat(agent.propertyNames()).containsExactlyInAnyOrder("id", "userId", "fullName", "extension",
                "status", "statusChangedAt", "currentCallId");
        assertThat(agent.get("userId").asInt()).isEqualTo(n);
        assertThat(agent.get("fullName").asString()).isEqualTo("Nguyễn Thị Lan");
        assertThat(agent.get("extension").asString()).isEqualTo("e" + n);
        assertThat(agent.get("status").asString()).isEqualTo("away");
        assertThat(agent.get("currentCallId").isNull()).isTrue();
        Instant changedAt = Instant.parse(agent.get("statusChangedAt").asString());

        AgentStatusChanged event = awaitEvents(id, 1).get(0);
        assertThat(event.userId()).isEqualTo(n);
        assertThat(event.agentName()).isEqualTo("Nguyễn Thị Lan");
        assertThat(event.status()).isEqualTo("away");
        assertThat(event.previousStatus()).isNull();
        assertThat(event.currentCallId()).isNull();
        assertThat(event.occurredAt()).isEqualTo(changedAt);
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(keysOf(id)).containsExactly(Topics.agentKey(id));

        ApiClient.Response fetched = get("/api/agents/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.data()).isEqualTo(agent);
    }

    @Test
    void createdAgentWithoutStatusIsAvailable() {
        int n = unique();
        ApiClient.Response created = post("/api/agents", """
                {"userId": %d, "fullName": "Trần Văn Minh", "extension": "e%d"}""".formatted(n, n));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().get("status").asString()).isEqualTo("available");
        assertThat(awaitEvents(created.data().get("id").asInt(), 1).get(0).status()).isEqualTo("available");
    }

    @Test
    void statusListsEveryAgentOrderedById() {
        int first = createAgent("Lê Hoàng Nam");
        int second = createAgent("Phạm Thu Hà", "offline");

        ApiClient.Response all = get("/api/agents/status");

        assertThat(all.status()).isEqualTo(200);
        List<Integer> ids = ids(all.data());
        assertThat(ids).contains(first, second).isSorted();
        assertThat(agentIn(all.data(), second).get("status").asString()).isEqualTo("offline");
        assertThat(ids).hasSize(count("agents"));
    }

    @Test
    void availableListsOnlyAvailableAgentsLongestIdleFirst() {
        int a = createAgent("Agent A");
        int b = createAgent("Agent B");
        int c = createAgent("Agent C");
        assertThat(put("/api/agents/" + a + "/status", "{\"status\":\"away\"}").status()).isEqualTo(200);
        assertThat(put("/api/agents/" + a + "/status", "{\"status\":\"available\"}").status()).isEqualTo(200);
        assertThat(put("/api/agents/" + c + "/status", "{\"status\":\"offline\"}").status()).isEqualTo(200);

        ApiClient.Response available = get("/api/agents/available");

        assertThat(available.status()).isEqualTo(200);
        assertThat(ids(available.data()).stream().filter(id -> id == a || id == b || id == c))
                .containsExactly(b, a);
        List<Instant> idleSince = new ArrayList<>();
        available.data().forEach(agent -> {
            assertThat(agent.get("status").asString()).isEqualTo("available");
            idleSince.add(Instant.parse(agent.get("statusChangedAt").asString()));
        });
        assertThat(idleSince).isSorted();
    }

    @Test
    void availableWithLimitReturnsOnlyTheLongestIdleAgents() {
        createAgent("Agent D");
        createAgent("Agent E");
        List<Integer> all = ids(get("/api/agents/available").data());

        ApiClient.Response first = get("/api/agents/available?limit=1");
        ApiClient.Response firstTwo = get("/api/agents/available?limit=2");

        assertThat(first.status()).isEqualTo(200);
        assertThat(ids(first.data())).containsExactly(all.get(0));
        assertThat(ids(firstTwo.data())).containsExactlyElementsOf(all.subList(0, 2));
    }

    @Test
    void availableRejectsALimitOutsideOneToAThousandNamingTheParameter() {
        for (String limit : List.of("0", "-1", "1001")) {
            ApiClient.Response response = get("/api/agents/available?limit=" + limit);

            assertThat(response.status()).as("limit=" + limit).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("validation_failed");
            assertThat(response.errorMessage()).contains("'limit'");
        }
        ApiClient.Response notANumber = get("/api/agents/available?limit=abc");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.errorCode()).isEqualTo("invalid_parameter");
        assertThat(notANumber.errorMessage()).contains("'limit'").contains("abc");
    }

    @Test
    void unknownAgentIs404() {
        ApiClient.Response response = get("/api/agents/987654321");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().get("success").asBoolean()).isFalse();
        assertThat(response.errorCode()).isEqualTo("agent_not_found");
        assertThat(response.errorMessage()).contains("987654321");
    }

    @Test
    void nonNumericAgentIdIs400NamingTheParameter() {
        ApiClient.Response response = get("/api/agents/abc");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage()).contains("'id'").contains("abc");
    }

    @Test
    void statusChangePublishesExactlyOneEventWithThePreviousStatus() {
        int id = createAgent("Võ Minh Tuấn");

        ApiClient.Response changed = put("/api/agents/" + id + "/status", "{\"status\":\"away\"}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.data().get("status").asString()).isEqualTo("away");
        assertThat(statusInDatabase(id)).isEqualTo("away");
        AgentStatusChanged away = awaitEvents(id, 2).get(1);
        assertThat(away.previousStatus()).isEqualTo("available");
        assertThat(away.status()).isEqualTo("away");
        assertThat(away.agentName()).isEqualTo("Võ Minh Tuấn");
        assertThat(away.occurredAt()).isEqualTo(Instant.parse(changed.data().get("statusChangedAt").asString()));

        // a later change is published after it, so by then a duplicate of the first would have been seen too
        assertThat(put("/api/agents/" + id + "/status", "{\"status\":\"offline\"}").status()).isEqualTo(200);
        List<AgentStatusChanged> events = awaitEvents(id, 3);
        assertThat(events).extracting(AgentStatusChanged::previousStatus, AgentStatusChanged::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, "available"),
                        org.assertj.core.groups.Tuple.tuple("available", "away"),
                        org.assertj.core.groups.Tuple.tuple("away", "offline"));
        assertThat(events).extracting(AgentStatusChanged::eventId).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT count(*) FROM agent_outbox WHERE agent_id = ? AND published_at IS NULL")
                .param(id).query(Integer.class).single()).isZero();
    }

    @Test
    void concurrentChangesToOneAgentArePublishedInTheOrderTheyCommitted() throws Exception {
        int id = createAgent("Đỗ Quang Huy");
        List<String> requested = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            requested.add(List.of("away", "offline", "available", "busy").get(i % 4));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
            for (String status : requested) {
                statuses.add(pool.submit(() -> put("/api/agents/" + id + "/status",
                        "{\"status\":\"" + status + "\"}").status()));
            }
            for (var status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        int rows = outboxRowsFor(id);

        List<AgentStatusChanged> events = awaitEvents(id, rows);

        assertThat(events).hasSize(rows);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).previousStatus()).as("event %d follows event %d", i, i - 1)
                    .isEqualTo(events.get(i - 1).status());
            assertThat(events.get(i).occurredAt()).isAfterOrEqualTo(events.get(i - 1).occurredAt());
        }
        assertThat(events.get(events.size() - 1).status()).isEqualTo(statusInDatabase(id));
    }

    @Test
    void settingTheSameStatusAgainChangesAndPublishesNothing() {
        int id = createAgent("Đặng Thị Hoa");
        JsonNode before = get("/api/agents/" + id).data();

        ApiClient.Response same = put("/api/agents/" + id + "/status", "{\"status\":\"available\"}");

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.data()).isEqualTo(before);
        assertThat(outboxRowsFor(id)).isEqualTo(1);
        assertOnlyLaterChangeIsPublished(id, "available");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleeping", "AWAY", "", " away"})
    void unknownStatusIsRejectedNamingTheFieldAndTheAllowedValues(String status) {
        int id = createAgent("Bùi Văn Long");

        ApiClient.Response response = put("/api/agents/" + id + "/status", "{\"status\":\"" + status + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_status");
        assertThat(response.errorMessage()).contains("'status'").contains("available, busy, away, offline");
        assertNothingChanged(id, "available");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                  | status",
            "{\"status\": null}  | status",
            "{\"status\": [1]}   | status",
            "{\"status\": {}}    | status",
            "{status:            | JSON",
            "[]                  | JSON object",
            "'\"away\"'          | JSON object"})
    void malformedOrIncompleteStatusBodyIsRejectedNamingTheProblem(String body, String named) {
        int id = createAgent("Hồ Thị Mai");

        ApiClient.Response response = put("/api/agents/" + id + "/status", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("success").asBoolean()).isFalse();
        assertThat(response.errorMessage()).contains(named);
        assertNothingChanged(id, "available");
    }

    @Test
    void statusChangeForUnknownAgentIs404AndWritesNothing() {
        int agents = count("agents");
        int outbox = count("agent_outbox");

        ApiClient.Response response = put("/api/agents/987654321/status", "{\"status\":\"away\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("agent_not_found");
        assertThat(response.errorMessage()).contains("987654321");
        assertThat(count("agents")).isEqualTo(agents);
        assertThat(count("agent_outbox")).isEqualTo(outbox);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"fullName\": \"A\", \"extension\": \"1\"}                          | userId",
            "{\"userId\": \"abc\", \"fullName\": \"A\", \"extension\": \"1\"}     | userId",
            "{\"userId\": -4, \"fullName\": \"A\", \"extension\": \"1\"}          | userId",
            "{\"userId\": 0, \"fullName\": \"A\", \"extension\": \"1\"}           | userId",
            "{\"userId\": 99999999999, \"fullName\": \"A\", \"extension\": \"1\"} | userId",
            "{\"userId\": 77, \"extension\": \"1\"}                               | fullName",
            "{\"userId\": 77, \"fullName\": \"  \", \"extension\": \"1\"}         | fullName",
            "{\"userId\": 77, \"fullName\": [\"A\"], \"extension\": \"1\"}        | fullName",
            "{\"userId\": 77, \"fullName\": \"A\"}                                | extension",
            "{\"userId\": 77, \"fullName\": \"A\", \"extension\": \"\"}           | extension",
            "{\"userId\": 77, \"fullName\": \"A\", \"extension\": \"123456789012345678901\"} | extension",
            "{\"userId\": 77, \"fullName\": \"A\", \"extension\": \"1\", \"status\": \"gone\"} | status",
            "{\"userId\": 77, \"fullName\": \"A\", \"extension\": \"1\"                | JSON",
            "[]                                                                     | JSON object"})
    void invalidNewAgentIsRejectedNamingTheFieldAndWritesNothing(String body, String field) {
        int agents = count("agents");
        int outbox = count("agent_outbox");

        ApiClient.Response response = post("/api/agents", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("success").asBoolean()).isFalse();
        assertThat(response.errorMessage()).contains(field);
        assertThat(count("agents")).isEqualTo(agents);
        assertThat(count("agent_outbox")).isEqualTo(outbox);
    }

    /**
     * Jackson would turn a number into text, or "77", 77.9 or 1e2 into the integer 77 or 100, and the agent would be
     * created from what the client did not send. Each body carries a unique number so that an agent or event made
     * from it would be recognised.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"userId\": %d, \"fullName\": 123, \"extension\": \"e%<d\"}           | fullName  | a string",
            "{\"userId\": %d, \"fullName\": true, \"extension\": \"e%<d\"}          | fullName  | a string",
            "{\"userId\": %d, \"fullName\": \"A\", \"extension\": %<d}             | extension | a string",
            "{\"userId\": %d, \"fullName\": \"A\", \"extension\": 10.5}            | extension | a string",
            "{\"userId\": \"%d\", \"fullName\": \"A\", \"extension\": \"e%<d\"}  | userId    | an integer",
            "{\"userId\": %d.9, \"fullName\": \"A\", \"extension\": \"e%<d\"}     | userId    | an integer",
            "{\"userId\": %d.0, \"fullName\": \"A\", \"extension\": \"e%<d\"}     | userId    | an integer",
            "{\"userId\": true, \"fullName\": \"A%d\", \"extension\": \"e%<d\"}   | userId    | an integer",
            "{\"userId\": %d, \"fullName\": \"A\", \"extension\": \"e%<d\", \"status\": 1} | status | a string"})
    void mistypedNewAgentFieldIsRejectedNamingTheFieldAndNothingIsWrittenOrPublished(String template, String field,
                                                                                     String expected) {
        int n = unique();
        int agents = count("agents");
        int outbox = count("agent_outbox");

        ApiClient.Response response = post("/api/agents", template.formatted(n));

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.body().get("success").asBoolean()).isFalse();
        assertThat(response.errorCode()).isEqualTo("invalid_request");
        assertThat(response.errorMessage()).startsWith("field '" + field + "' must be " + expected);
        assertThat(count("agents")).isEqualTo(agents);
        assertThat(count("agent_outbox")).isEqualTo(outbox);
        assertNoEventForUserIdBeforeALaterChange(n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "1.5"})
    void statusThatIsNotAJsonStringIsRejectedAsMistypedAndChangesNothing(String status) {
        int id = createAgent("Lý Thị Thu");

        ApiClient.Response response = put("/api/agents/" + id + "/status", "{\"status\": " + status + "}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_request");
        assertThat(response.errorMessage()).startsWith("field 'status' must be a string");
        assertNothingChanged(id, "available");
    }

    @Test
    void tooLongFullNameIsRejected() {
        int agents = count("agents");

        ApiClient.Response response = post("/api/agents", """
                {"userId": %d, "fullName": "%s", "extension": "1"}""".formatted(unique(), "x".repeat(101)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage()).contains("'fullName'");
        assertThat(count("agents")).isEqualTo(agents);
    }

    @Test
    void duplicateUserIdOrExtensionIs409NamingTheFieldAndWritesNothing() {
        int id = createAgent("Ngô Thanh Vân");
        JsonNode existing = get("/api/agents/" + id).data();
        int agents = count("agents");
        int outbox = count("agent_outbox");

        ApiClient.Response sameUser = post("/api/agents", """
                {"userId": %d, "fullName": "Other", "extension": "z%d"}"""
                .formatted(existing.get("userId").asInt(), unique()));
        ApiClient.Response sameExtension = post("/api/agents", """
                {"userId": %d, "fullName": "Other", "extension": "%s"}"""
                .formatted(unique(), existing.get("extension").asString()));

        assertThat(sameUser.status()).isEqualTo(409);
        assertThat(sameUser.errorCode()).isEqualTo("duplicate_user_id");
        assertThat(sameUser.errorMessage()).contains("'userId'");
        assertThat(sameExtension.status()).isEqualTo(409);
        assertThat(sameExtension.errorCode()).isEqualTo("duplicate_extension");
        assertThat(sameExtension.errorMessage()).contains("'extension'");
        assertThat(count("agents")).isEqualTo(agents);
        assertThat(count("agent_outbox")).isEqualTo(outbox);
    }

    @Test
    void healthPrometheusAndOpenApiAreServed() {
        ApiClient.Response health = get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");

        String metrics = get("/actuator/prometheus").text();
        assertThat(metrics).contains("callcenter_agents_outbox_published_total")
                .contains("callcenter_agents_outbox_pending");

        ApiClient.Response docs = get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.body().get("paths");
        assertThat(paths.has("/api/agents/status")).isTrue();
        assertThat(paths.has("/api/agents/available")).isTrue();
        assertThat(paths.has("/api/agents/{id}")).isTrue();
        assertThat(paths.has("/api/agents")).isTrue();
        assertThat(paths.has("/api/agents/{id}/status")).isTrue();
    }

    private void assertNothingChanged(int id, String status) {
        assertThat(statusInDatabase(id)).isEqualTo(status);
        assertThat(outboxRowsFor(id)).isEqualTo(1);
        assertOnlyLaterChangeIsPublished(id, status);
    }

    /**
     * Makes one real change and waits for its event: the relay publishes in order, so any event from before it would
     * have arrived first. Only the creation event and this one may be there.
     */
    private void assertOnlyLaterChangeIsPublished(int id, String currentStatus) {
        String next = currentStatus.equals("offline") ? "available" : "offline";
        assertThat(put("/api/agents/" + id + "/status", "{\"status\":\"" + next + "\"}").status()).isEqualTo(200);
        List<AgentStatusChanged> events = awaitEvents(id, 2);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).previousStatus()).isEqualTo(currentStatus);
        assertThat(events.get(1).status()).isEqualTo(next);
    }

    /**
     * Creates another agent and waits for its event: the relay publishes in outbox order, so an event from a row
     * written before it would have arrived first. No event may carry {@code userId}.
     */
    private void assertNoEventForUserIdBeforeALaterChange(int userId) {
        createAgent("Later Change");
        assertThat(agentEvents.values()).filteredOn(e -> e instanceof AgentStatusChanged c && c.userId() == userId)
                .isEmpty();
    }

    private List<String> keysOf(int id) {
        return agentEvents.records().stream()
                .filter(r -> r.value() instanceof AgentStatusChanged c && c.agentId() == id)
                .map(ConsumerRecord::key)
                .toList();
    }

    private static List<Integer> ids(JsonNode agents) {
        List<Integer> ids = new ArrayList<>();
        agents.forEach(agent -> ids.add(agent.get("id").asInt()));
        return ids;
    }

    private static JsonNode agentIn(JsonNode agents, int id) {
        for (JsonNode agent : agents) {
            if (agent.get("id").asInt() == id) {
                return agent;
            }
        }
        throw new AssertionError("agent " + id + " not in " + agents);
    }
}
