package dev.ums.viewer;

/**
 * The picture quality a session asks the server for at one moment: the preferred encoding, Tight's JPEG quality (or
 * lossless), the compression level and the colour depth, and whether the automatic selection chose them. Immutable.
 *
 * @param encoding         the encoding preferred first
 * @param jpegQuality      0-9, or {@link VncSettings#LOSSLESS}
 * @param compressionLevel 0-9, or {@link VncSettings#DEFAULT_COMPRESSION}
 * @param colorDepth       the pixel format asked for
 * @param automatic        whether the automatic selection chose quality and compression from the measured link
 */
public record VncQuality(Encoding encoding, int jpegQuality, int compressionLevel, ColorDepth colorDepth,
                         boolean automatic) {

    /** Whether Tight may send JPEG at all: only with 24-bit colour. */
    public boolean jpeg() {
        return encoding == Encoding.TIGHT && jpegQuality >= 0 && colorDepth == ColorDepth.TRUE_COLOR_24;
    }

    /** For example "Tight JPEG 6, compression 2, full colour (auto)" or "ZRLE, full colour". */
    public String describe() {
        StringBuilder text = new StringBuilder(encoding == Encoding.TIGHT ? "Tight" : encoding.name().replace('_', ' '));
        if (encoding == Encoding.TIGHT) {
            text.append(jpeg() ? " JPEG " + jpegQuality : " lossless");
        }
        if (compressionLevel >= 0) {
            text.append(", compression ").append(compressionLevel);
        }
        text.append(", ").append(colorDepth.describe());
        return automatic ? text.append(" (auto)").toString() : text.toString();
    }
}
