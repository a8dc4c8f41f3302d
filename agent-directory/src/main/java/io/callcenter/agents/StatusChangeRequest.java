package io.callcenter.agents;

import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /api/agents/{id}/status}: {@code {"status": "away"}}. */
public record StatusChangeRequest(@NotNull String status) {
}
