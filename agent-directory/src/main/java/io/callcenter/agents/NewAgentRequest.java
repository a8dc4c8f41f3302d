package io.callcenter.agents;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/agents}; {@code status} is optional and defaults to {@code available}. */
public record NewAgentRequest(
        @NotNull @Positive Integer userId,
        @NotBlank @Size(max = 100) String fullName,
        @NotBlank @Size(max = 20) String extension,
        String status) {
}
