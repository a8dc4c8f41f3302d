package io.callcenter.ingest.calls;

/** The 202 answer to a new call: {@code {"callId": "...", "status": "ringing"}}. */
public record CallAccepted(String callId, String status) {
}
