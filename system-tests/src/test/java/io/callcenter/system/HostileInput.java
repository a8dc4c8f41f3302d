package io.callcenter.system;

import org.json.JSONArray;
import org.json.JSONObject;

import java.util.List;
import java.util.Random;

/**
 * A seeded generator of malformed input. Every value it makes is invalid by construction (a wrong type, a missing
 * field, a huge or hostile string, deep nesting, broken JSON), so a correct server must refuse every one.
 */
final class HostileInput {
    private final Random random;

    HostileInput(long seed) {
        this.random = new Random(seed);
    }

    /** A Socket.IO event the gateway must refuse: name and payload. */
    record SocketEvent(String name, Object payload) {
    }

    SocketEvent socketEvent() {
        return switch (random.nextInt(4)) {
            case 0 -> new SocketEvent(unknownEventName(), anyValue());
            case 1 -> new SocketEvent("answer_call", badAnswer());
            case 2 -> new SocketEvent("end_call", badEnd());
            default -> new SocketEvent(random.nextBoolean() ? "answer_call" : "end_call", notAnObject());
        };
    }

    private String unknownEventName() {
        List<String> names = List.of("answer_calls", "ANSWER_CALL", "hack", "", "end call", "call_answered",
                "incoming_call_to_crm", "<script>alert(1)</script>", "đ", "x".repeat(2000));
        return names.get(random.nextInt(names.size()));
    }

    private JSONObject badAnswer() {
        JSONObject answer = new JSONObject().put("callId", "CALL_" + random.nextInt(1000)).put("agentId", 1)
                .put("source", "crm_system");
        switch (random.nextInt(7)) {
            case 0 -> answer.remove("callId");
            case 1 -> answer.remove("agentId");
            case 2 -> answer.put("callId", random.nextInt());
            case 3 -> answer.put("agentId", "one");
            case 4 -> answer.put("callId", hugeString());
            case 5 -> answer.put("agentId", deep(random.nextInt(200) + 2));
            default -> answer.put("callId", "");
        }
        return answer;
    }

    private JSONObject badEnd() {
        JSONObject end = new JSONObject().put("callId", "CALL_" + random.nextInt(1000)).put("endReason", "crm_reject")
                .put("source", "crm_system");
        switch (random.nextInt(5)) {
            case 0 -> end.remove("callId");
            case 1 -> end.put("callId", new JSONArray().put("CALL_1"));
            case 2 -> end.put("endReason", random.nextDouble());
            case 3 -> end.put("callId", "CALL_\u0000\u202e" + "\uD83D\uDE00".repeat(40));
            default -> end.put("callId", hugeString());
        }
        return end;
    }

    private Object notAnObject() {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt();
            case 1 -> "CALL_12345";
            case 2 -> new JSONArray().put("CALL_12345").put(1);
            case 3 -> random.nextBoolean();
            default -> JSONObject.NULL;
        };
    }

    private Object anyValue() {
        return random.nextBoolean() ? notAnObject() : new JSONObject().put("callId", "CALL_1").put("agentId", 1);
    }

    /** Long enough to be abusive, short enough to stay under the gateway's 64 KiB payload limit. */
    String hugeString() {
        int length = 1_000 + random.nextInt(40_000);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    JSONObject deep(int depth) {
        JSONObject root = new JSONObject();
        JSONObject current = root;
        for (int i = 0; i < depth; i++) {
            JSONObject next = new JSONObject();
            current.put("n", next);
            current = next;
        }
        return root;
    }

    /** A request body every JSON endpoint must refuse with a 4xx. */
    String restBody(List<String> fieldNames) {
        String field = fieldNames.get(random.nextInt(fieldNames.size()));
        return switch (random.nextInt(9)) {
            case 0 -> "{";
            case 1 -> "";
            case 2 -> "[]";
            case 3 -> "null";
            case 4 -> "{\"" + field + "\": {\"$ne\": null}}";
            case 5 -> "{\"" + field + "\": [" + random.nextInt() + "]}";
            case 6 -> deepJson(random.nextInt(3000) + 1000);
            case 7 -> "{\"" + field + "\": \"" + "\\ud800" + "\"";
            default -> new String(randomBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        };
    }

    /** Nesting far deeper than any parser should follow, written directly (a JSON library would overflow). */
    static String deepJson(int depth) {
        return "{\"n\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    byte[] randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(512)];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xff; // never valid UTF-8, never valid JSON
        return bytes;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
