package io.callcenter.ingest.calls;

import io.callcenter.kit.api.ApiException;

import java.util.UUID;

/** What a callId may look like (it travels in URLs, Kafka keys and logs), and how one is made when absent. */
final class CallIds {
    static final String PATTERN = "[A-Za-z0-9_.:-]{1,64}";
    static final String RULE = "must be 1-64 letters, digits, '_', '.', ':' or '-'";

    private CallIds() {
    }

    /**
     * The path's callId, checked by hand: a constraint on the path variable would switch Spring to method validation
     * and report body errors by parameter instead of by field.
     */
    static String requireValid(String callId) {
        if (!callId.matches(PATTERN)) {
            throw ApiException.badRequest("invalid_parameter", "parameter 'callId' " + RULE);
        }
        return callId;
    }

    static String generate() {
        return "CALL_" + UUID.randomUUID().toString().replace("-", "");
    }
}
