package io.callcenter.model.events;

/** Why a command was rejected, as the lower-case code CRMs receive. */
public enum RejectionCode {
    ALREADY_ANSWERED,
    CALL_NOT_FOUND,
    CALL_ENDED,
    AGENT_NOT_FOUND,
    AGENT_NOT_AVAILABLE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
