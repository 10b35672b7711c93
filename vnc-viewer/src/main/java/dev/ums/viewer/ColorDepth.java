package dev.ums.viewer;

import dev.ums.rfb.PixelFormat;

/** The pixel format the client asks the server for: full colour, or fewer bits to save bandwidth. */
public enum ColorDepth {
    /** 32 bits per pixel, 8 bits per channel: exact colours. */
    TRUE_COLOR_24,
    /** 16 bits per pixel, RGB 5-6-5. */
    HIGH_COLOR_16,
    /** 8 bits per pixel through a colour map the server sends. */
    INDEXED_8,
    /** 8 bits per pixel, true colour B-G-R 2-3-3: 256 colours (TigerVNC's medium colour level). */
    COLOURS_256,
    /** 8 bits per pixel, true colour 2 bits a channel: 64 colours (TigerVNC's low colour level). */
    COLOURS_64,
    /** 8 bits per pixel, true colour 1 bit a channel: 8 colours (TigerVNC's very low colour level). */
    COLOURS_8;

    /** Accepts what {@code --colour} takes: full, 256, 64 or 8. */
    public static ColorDepth parse(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "full", "24" -> TRUE_COLOR_24;
            case "256" -> COLOURS_256;
            case "64" -> COLOURS_64;
            case "8" -> COLOURS_8;
            default -> throw new IllegalArgumentException("Unknown colour level '" + name + "'; use full, 256, 64 or 8.");
        };
    }

    /** "24-bit", "256 colours", ... */
    public String describe() {
        return switch (this) {
            case TRUE_COLOR_24 -> "full colour";
            case HIGH_COLOR_16 -> "16-bit colour";
            case INDEXED_8 -> "256-colour map";
            case COLOURS_256 -> "256 colours";
            case COLOURS_64 -> "64 colours";
            case COLOURS_8 -> "8 colours";
        };
    }

    /** The pixel format asked of the server for this depth. */
    PixelFormat wireFormat() {
        return switch (this) {
            case TRUE_COLOR_24 -> PixelFormat.RGB888;
            case HIGH_COLOR_16 -> PixelFormat.RGB565;
            case INDEXED_8 -> PixelFormat.INDEXED8;
            // TigerVNC's medium, low and very low colour levels
            case COLOURS_256 -> new PixelFormat(8, 8, false, true, 7, 7, 3, 5, 2, 0);
            case COLOURS_64 -> new PixelFormat(8, 6, false, true, 3, 3, 3, 4, 2, 0);
            case COLOURS_8 -> new PixelFormat(8, 3, false, true, 1, 1, 1, 2, 1, 0);
        };
    }
}
