package dev.ums.rfb;

/**
 * ZRLE's vocabulary: one zlib stream per connection carrying 64×64 tiles, each starting with a subencoding byte;
 * pixels are CPIXELs ({@link PixelFormat#cpixelBytes()}).
 */
public final class Zrle {
    public static final int TILE = 64;
    public static final int RAW = 0;
    public static final int SOLID = 1;
    /** 2 to 16: a palette of that many colours, then packed indices (1, 2 or 4 bits, rows padded to a byte). */
    public static final int MAX_PACKED_PALETTE = 1 << 4;
    public static final int PLAIN_RLE = 128;
    /** 130 to 255: a palette of (subencoding - 128) colours, then runs of indices. */
    public static final int PALETTE_RLE = PLAIN_RLE;
    /** In a palette run, the index's top bit says that a run length follows. */
    public static final int RUN_FOLLOWS = 128;
    /** The other seven bits are the index. */
    public static final int MAX_RLE_PALETTE = RUN_FOLLOWS - 1;
    /** Run lengths are sent minus one, as a sum of bytes, each 255 but the last. */
    public static final int RUN_LENGTH_MORE = 255;

    private Zrle() {
    }

    /** How many bits a packed palette index takes for a palette of {@code colours}. */
    public static int packedBits(int colours) {
        return colours <= 2 ? 1 : colours <= 4 ? 2 : 4;
    }
}
