package io.callcenter.gateway.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTest {

    @Test
    void lineBreaksAndOtherControlCharactersCannotForgeALogLine() {
        String forged = "crm_main\n2026-12-07 06:00:00 INFO  admin logged in\r\u0000\u2028";

        assertThat(LogSafe.text(forged))
                .isEqualTo("crm_main\\u000a2026-12-07 06:00:00 INFO  admin logged in\\u000d\\u0000\\u2028")
                .doesNotContain("\n", "\r");
    }

    @Test
    void longTextIsCutAtTheCapAndSaysHowLongItWas() {
        String safe = LogSafe.text("x".repeat(200_000));

        assertThat(safe).startsWith("x".repeat(LogSafe.MAX_LENGTH) + "…(200000 chars)");
        assertThat(safe).hasSize(LogSafe.MAX_LENGTH + "…(200000 chars)".length());
    }

    @Test
    void objectsAreShownAsCappedEscapedJson() {
        assertThat(LogSafe.text(Map.of("platform", "web\nINFO forged"))).isEqualTo(
                "{\"platform\":\"web\\nINFO forged\"}");
        assertThat(LogSafe.text(Map.of("big", "y".repeat(1000)))).hasSizeLessThan(LogSafe.MAX_LENGTH + 20);
        assertThat(LogSafe.text(null)).isEqualTo("null");
        assertThat(LogSafe.text(42)).isEqualTo("42");
    }
}
