package dev.ums.console.core;

import java.util.Locale;

/** A number of bytes as a person reads it: {@code 4 GiB}, {@code 300 KiB}, {@code 1.5 MiB}, {@code 12 bytes}. Pure. */
final class SizeText {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private SizeText() {
    }

    static String of(long bytes) {
        if (bytes < 1024) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        int unit = 0;
        long scale = 1024;
        while (unit < UNITS.length - 1 && bytes >= scale * 1024) {
            unit++;
            scale *= 1024;
        }
        if (bytes % scale == 0) {
            return bytes / scale + " " + UNITS[unit];
        }
        return String.format(Locale.ROOT, "%.1f %s", (double) bytes / scale, UNITS[unit]);
    }
}
