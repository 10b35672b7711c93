package dev.ums.console.gui.devices;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Shows the server's ISO-8601 last-contact time in the user's time zone, or the raw text when unparseable. */
final class LastContact {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private LastContact() {
    }

    static String format(String iso) {
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
