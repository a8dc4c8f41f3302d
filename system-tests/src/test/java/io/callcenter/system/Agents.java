package io.callcenter.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Creates fresh available agents through agent-directory's REST API, so tests never depend on each other's agents. */
final class Agents {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private Agents() {
    }

    static List<Integer> create(URI agentDirectory, String namePrefix, int count) throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "{\"userId\": " + (10_000 + i) + ", \"fullName\": \"" + namePrefix + " " + i
                    + "\", \"extension\": \"9" + i + "\", \"status\": \"available\"}";
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(agentDirectory.resolve("/api/agents"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            Matcher id = ID.matcher(response.body());
            assertThat(id.find()).as(response.body()).isTrue();
            ids.add(Integer.parseInt(id.group(1)));
        }
        return ids;
    }
}
