package io.callcenter.model.crm;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The guide's time format, {@code 2025-09-22T05:46:34.487215}: UTC local date-time with microseconds and no offset.
 */
public final class CrmTime {
    public static final String PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS";
    public static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern(PATTERN);

    private CrmTime() {
    }

    /** The instant as the guide writes it, truncated to microseconds. */
    public static String format(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC).format(FORMATTER);
    }

    public static Instant parse(String text) {
        return LocalDateTime.parse(text, FORMATTER).toInstant(ZoneOffset.UTC);
    }
}
