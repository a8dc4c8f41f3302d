package io.callcenter.gateway.auth;

import java.util.Locale;

/**
 * What a token's {@code role} claim lets its holder do: {@code crm_system} answers and ends calls for any agent (the
 * guide's CRM picks the agent from a list), {@code agent} only as the agent named by its {@code agentId} claim; a
 * token with no role, or one not listed here, may watch (join, receive events, read the REST API) but not command.
 */
public enum Role {
    CRM_SYSTEM,
    AGENT,
    NONE;

    /** The role a claim names; {@link #NONE} for a missing or unknown one. */
    static Role fromClaim(Object claim) {
        if (claim instanceof String text) {
            for (Role role : values()) {
                if (role != NONE && role.claim().equals(text)) {
                    return role;
                }
            }
        }
        return NONE;
    }

    /** As the {@code role} claim spells it. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }
}
