package io.callcenter.model.events;

/**
 * Why a command was rejected, as the lower-case code CRMs receive. {@link #AGENT_BUSY}: the agent is on (or has just
 * won) another call, or agent-directory has them busy; {@link #AGENT_UNAVAILABLE}: the agent is away or offline.
 * {@link #AGENT_NOT_AVAILABLE} is no longer produced (it was before those two existed); consumers may still meet it in
 * old records.
 */
public enum RejectionCode {
    ALREADY_ANSWERED,
    CALL_NOT_FOUND,
    CALL_ENDED,
    AGENT_NOT_FOUND,
    AGENT_BUSY,
    AGENT_UNAVAILABLE,
    AGENT_NOT_AVAILABLE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
