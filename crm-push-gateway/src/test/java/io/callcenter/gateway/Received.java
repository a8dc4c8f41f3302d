package io.callcenter.gateway;

import tools.jackson.databind.JsonNode;

/** One Socket.IO event a test client received: its name and first argument as JSON. */
public record Received(String name, JsonNode data) {
}
