package dev.ums.viewer.internal.encoding;

/** Numbers of the pseudo-encodings we announce: capabilities and settings rather than pixel data. */
public final class PseudoEncoding {
    public static final int DESKTOP_SIZE = -223;
    public static final int LAST_RECT = -224;
    public static final int CURSOR = -239;
    public static final int EXTENDED_DESKTOP_SIZE = -308;
    public static final int QUALITY_LEVEL_0 = -32;
    public static final int COMPRESS_LEVEL_0 = -256;

    private PseudoEncoding() {
    }
}
