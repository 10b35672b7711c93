package dev.ums.console.gui.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Shows a time the server sent (ISO-8601: a device's last contact, a session's start and end) in the user's time
 * zone as {@code 2025-03-14 09:26:53}, or the raw text when it does not parse. Any thread.
 */
public final class ServerTime {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private ServerTime() {
    }

    public static String format(String iso) {
        if (iso == null || iso.isBlank()) {
            return "–";
        }
        try {
            return SHOWN.format(Instant.parse(iso));
        } catch (DateTimeParseException notInstant) {
            try {
                return SHOWN.format(OffsetDateTime.parse(iso));
            } catch (DateTimeParseException notOffset) {
                return iso;
            }
        }
    }
}
