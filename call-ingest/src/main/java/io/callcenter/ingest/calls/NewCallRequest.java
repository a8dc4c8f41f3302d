package io.callcenter.ingest.calls;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The VoiceBot's {@code POST /api/v1/calls} body. Only JSON strings are accepted for these fields (see
 * service-kit's {@code StrictJsonAutoConfiguration}); {@code callId} is generated when absent.
 */
public record NewCallRequest(
        @Pattern(regexp = CallIds.PATTERN, message = CallIds.RULE)
        String callId,
        @NotBlank(message = "is required")
        @Pattern(regexp = "[+0-9*#() .-]{1,32}",
                message = "must be a phone number of at most 32 digits, '+', '*', '#', '(', ')', '.', '-' or spaces")
        String callerNumber,
        @Pattern(regexp = "[+0-9*#() .-]{1,32}",
                message = "must be a phone number of at most 32 digits, '+', '*', '#', '(', ')', '.', '-' or spaces")
        String calledNumber,
        @Size(max = 64, message = "must be at most 64 characters")
        String source) {
}
