package io.callcenter.ingest.calls;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a call is in its lifecycle: ringing → connected → ended, or ringing → ended. */
public enum CallStatus {
    RINGING, CONNECTED, ENDED;

    /** The lower-case name the guide and the REST API use. */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CallStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }

    public static String allValues() {
        return Arrays.stream(values()).map(CallStatus::value).collect(Collectors.joining(", "));
    }
}
