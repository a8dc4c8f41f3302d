package io.callcenter.gateway.auth;

import io.callcenter.model.serde.CallcenterJson;

/**
 * Client-supplied text made fit for a log line or for keeping: at most {@link #MAX_LENGTH} characters, and every
 * control character (CR and LF above all, which would let a client forge log lines) written as {@code \\uXXXX}.
 */
public final class LogSafe {
    public static final int MAX_LENGTH = 128;

    private LogSafe() {
    }

    /** A string as itself, anything else (a JSON object from a payload, a number) as JSON; then capped and escaped. */
    public static String text(Object value) {
        if (value == null) {
            return "null";
        }
        String text;
        try {
            text = value instanceof String string ? string : CallcenterJson.mapper().writeValueAsString(value);
        } catch (RuntimeException notJson) {
            text = "(" + value.getClass().getSimpleName() + ")";
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 16);
        int shown = Math.min(text.length(), MAX_LENGTH);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        if (text.length() > MAX_LENGTH) {
            safe.append("…(").append(text.length()).append(" chars)");
        }
        return safe.toString();
    }
}
