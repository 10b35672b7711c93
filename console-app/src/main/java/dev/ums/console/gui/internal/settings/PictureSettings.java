package dev.ums.console.gui.internal.settings;

import dev.ums.viewer.ColorDepth;
import dev.ums.viewer.Encoding;
import dev.ums.viewer.VncSettings;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the embedded viewer asks devices for their picture: JPEG quality, compression level, encoding and colour depth.
 * Each one is automatic by default (the viewer measures the link and chooses), or fixed by the user; the values and
 * their text forms are those of {@code ums viewer --quality --compress --encoding --colour}. Immutable; any thread.
 *
 * @param quality     {@link VncSettings#AUTO}, {@link VncSettings#LOSSLESS} or a JPEG quality from 0 to 9
 * @param compression {@link VncSettings#AUTO} (chosen with the quality) or a level from 0 to 9
 * @param encoding    the only encoding to use, or null for the automatic order (Tight first, then the others)
 * @param colour      the colour depth asked for: full, 256, 64 or 8 colours
 */
public record PictureSettings(int quality, int compression, Encoding encoding, ColorDepth colour) {
    /** The colour depths offered, as {@code --colour} names them. */
    public static final List<ColorDepth> COLOURS = List.of(ColorDepth.TRUE_COLOR_24, ColorDepth.COLOURS_256,
            ColorDepth.COLOURS_64, ColorDepth.COLOURS_8);
    /** The encodings offered for "only this encoding". */
    public static final List<Encoding> ENCODINGS = List.of(Encoding.TIGHT, Encoding.ZRLE, Encoding.HEXTILE,
            Encoding.RRE, Encoding.RAW);

    public PictureSettings {
        if (quality < VncSettings.AUTO || quality > 9) {
            throw new IllegalArgumentException("The quality is automatic, lossless or a level from 0 to 9.");
        }
        if (compression != VncSettings.AUTO && (compression < 0 || compression > 9)) {
            throw new IllegalArgumentException("The compression is automatic or a level from 0 to 9.");
        }
        Objects.requireNonNull(colour, "colour");
        if (!COLOURS.contains(colour)) {
            throw new IllegalArgumentException("The colour depth is full, 256, 64 or 8 colours.");
        }
    }

    /** Everything automatic, in full colour: what the viewer does by itself. */
    public static PictureSettings automatic() {
        return new PictureSettings(VncSettings.AUTO, VncSettings.AUTO, null, ColorDepth.TRUE_COLOR_24);
    }

    /** Puts these choices into a session's settings, as {@code ums viewer} does with the same options. */
    public VncSettings.Builder applyTo(VncSettings.Builder settings) {
        settings.jpegQuality(quality);
        if (compression != VncSettings.AUTO) {
            settings.compressionLevel(compression);
        } else if (quality != VncSettings.AUTO) {
            // A fixed quality with no fixed compression: the server's default level, as `ums viewer --quality` does.
            settings.compressionLevel(VncSettings.DEFAULT_COMPRESSION);
        } else {
            settings.compressionLevel(VncSettings.AUTO);
        }
        if (encoding != null) {
            settings.encodings(encoding);
        }
        return settings.colorDepth(colour);
    }

    /** {@code auto}, {@code lossless} or the level. */
    public String qualityText() {
        return quality == VncSettings.AUTO ? "auto" : quality == VncSettings.LOSSLESS ? "lossless"
                : Integer.toString(quality);
    }

    /** {@code auto} or the level. */
    public String compressionText() {
        return compression == VncSettings.AUTO ? "auto" : Integer.toString(compression);
    }

    /** {@code auto} or the encoding's name as {@code --encoding} takes it. */
    public String encodingText() {
        return encoding == null ? "auto" : encoding.name().toLowerCase(Locale.ROOT).replace("_", "");
    }

    /** {@code full}, {@code 256}, {@code 64} or {@code 8}. */
    public String colourText() {
        return switch (colour) {
            case COLOURS_256 -> "256";
            case COLOURS_64 -> "64";
            case COLOURS_8 -> "8";
            default -> "full";
        };
    }

    /** Reads the text forms back; a value that is not one of them gives an {@link IllegalArgumentException}. */
    public static PictureSettings parse(String quality, String compression, String encoding, String colour) {
        return new PictureSettings(parseQuality(quality), parseCompression(compression),
                "auto".equalsIgnoreCase(encoding.strip()) ? null : Encoding.parse(encoding), ColorDepth.parse(colour));
    }

    private static int parseQuality(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "auto" -> VncSettings.AUTO;
            case "lossless" -> VncSettings.LOSSLESS;
            default -> level(t, "quality");
        };
    }

    private static int parseCompression(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return "auto".equals(t) ? VncSettings.AUTO : level(t, "compression");
    }

    private static int level(String text, String what) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= 9) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("The " + what + " '" + text + "' is not auto or a level from 0 to 9.");
    }
}
