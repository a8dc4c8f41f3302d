package io.callcenter.ingest.calls;

import java.util.UUID;

/** What a callId may look like (it travels in URLs, Kafka keys and logs), and how one is made when absent. */
final class CallIds {
    static final String PATTERN = "[A-Za-z0-9_.:-]{1,64}";
    static final String RULE = "must be 1-64 letters, digits, '_', '.', ':' or '-'";

    private CallIds() {
    }

    static String generate() {
        return "CALL_" + UUID.randomUUID().toString().replace("-", "");
    }
}
