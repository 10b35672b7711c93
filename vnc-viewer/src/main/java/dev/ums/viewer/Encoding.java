package dev.ums.viewer;

import dev.ums.rfb.EncodingType;

/** A pixel encoding the client can decode; the order a caller lists them in is the order of preference. */
public enum Encoding {
    RAW(EncodingType.RAW),
    COPY_RECT(EncodingType.COPY_RECT),
    RRE(EncodingType.RRE),
    HEXTILE(EncodingType.HEXTILE),
    TIGHT(EncodingType.TIGHT),
    ZRLE(EncodingType.ZRLE);

    private final int code;

    Encoding(int code) {
        this.code = code;
    }

    /** The number that names this encoding on the wire. */
    public int code() {
        return code;
    }

    /** Accepts the names users type, such as {@code copyrect} or {@code ZRLE}. */
    public static Encoding parse(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT).replace("_", "").replace("-", "");
        for (Encoding e : values()) {
            if (e.name().toLowerCase(java.util.Locale.ROOT).replace("_", "").equals(n)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown encoding '" + name
                + "'; use one of raw, copyrect, rre, hextile, zrle, tight.");
    }
}
