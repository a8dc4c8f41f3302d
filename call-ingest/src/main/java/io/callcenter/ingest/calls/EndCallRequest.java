package io.callcenter.ingest.calls;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The VoiceBot's {@code POST /api/v1/calls/{callId}/end} body, e.g. {@code {"endReason": "customer_hangup"}}. */
public record EndCallRequest(
        @NotBlank(message = "is required")
        @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}",
                message = "must be 1-64 letters, digits, '_', '.', ':' or '-' (e.g. customer_hangup)")
        String endReason) {
}
