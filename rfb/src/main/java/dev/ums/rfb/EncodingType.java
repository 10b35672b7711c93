package dev.ums.rfb;

/**
 * The numbers of the encodings and pseudo-encodings we know, as SetEncodings lists them and rectangle headers name
 * them. Pseudo-encodings announce capabilities or settings rather than carrying pixels.
 */
public final class EncodingType {
    public static final int RAW = 0;
    public static final int COPY_RECT = 1;
    public static final int RRE = 2;
    public static final int HEXTILE = 5;
    public static final int TIGHT = 7;
    public static final int ZRLE = 16;

    /** Tight's JPEG quality 0 to 9 is announced as this number plus the level. */
    public static final int QUALITY_LEVEL_0 = -32;
    public static final int DESKTOP_SIZE = -223;
    public static final int LAST_RECT = -224;
    public static final int CURSOR = -239;
    /** The zlib compression level 0 to 9 is announced as this number plus the level. */
    public static final int COMPRESS_LEVEL_0 = -256;
    public static final int EXTENDED_DESKTOP_SIZE = -308;
    public static final int FENCE = -312;
    public static final int CONTINUOUS_UPDATES = -313;
    public static final int EXTENDED_CLIPBOARD = 0xC0A1E5CE;

    private EncodingType() {
    }
}
