package io.callcenter.agents;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/agents}; {@code status} is optional and defaults to {@code available}. {@code userId} is
 * read as a long and bounded here, so that a too-large number is reported against the field rather than as bad JSON.
 */
public record NewAgentRequest(
        @NotNull @Positive @Max(Integer.MAX_VALUE) Long userId,
        @NotBlank @Size(max = 100) String fullName,
        @NotBlank @Size(max = 20) String extension,
        String status) {
}
