package io.callcenter.model.serde;

/** Kafka record headers written by {@link EventSerializer}. */
public final class EventHeaders {
    /** The record's type, its simple class name ({@code IncomingCall}), UTF-8: filter or route without parsing. */
    public static final String EVENT_TYPE = "event-type";

    private EventHeaders() {
    }
}
