package io.callcenter.gateway.auth;

import java.time.Instant;

/**
 * Who a verified token says its holder is, bound to the socket (or REST request) for its whole life.
 *
 * @param subject   the token's {@code sub}, for logs ({@code ""} when absent)
 * @param role      what the holder may command
 * @param agentId   the {@code agentId} claim of an {@link Role#AGENT} token; null for other roles
 * @param expiresAt when the token stops being accepted: its {@code exp} plus the allowed clock skew; null only for
 *                  {@link #ANONYMOUS}
 */
public record Identity(String subject, Role role, Integer agentId, Instant expiresAt) {
    /** Everyone, when authentication is off: commands as the guide's CRM, never expiring. */
    public static final Identity ANONYMOUS = new Identity("", Role.CRM_SYSTEM, null, null);

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** For logs: the subject and role, with the agent id of an agent token. */
    public String describe() {
        return (subject.isEmpty() ? "(no subject)" : LogSafe.text(subject)) + " as " + role.claim()
                + (agentId == null ? "" : " " + agentId);
    }
}
