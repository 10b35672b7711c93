package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The 16-byte PIXEL_FORMAT structure of RFB, and the pixel sizes that follow from it: PIXEL, ZRLE's CPIXEL and
 * Tight's TPIXEL. Immutable.
 */
public record PixelFormat(int bitsPerPixel, int depth, boolean bigEndian, boolean trueColor,
                          int redMax, int greenMax, int blueMax, int redShift, int greenShift, int blueShift) {
    public static final int LENGTH = 16;

    /** 32 bits per pixel, 8 bits per channel, little-endian 0x00RRGGBB: what the viewer asks for and the demo server offers. */
    public static final PixelFormat RGB888 = new PixelFormat(32, 24, false, true, 255, 255, 255, 16, 8, 0);
    public static final PixelFormat RGB565 = new PixelFormat(16, 16, false, true, 31, 63, 31, 11, 5, 0);
    public static final PixelFormat INDEXED8 = new PixelFormat(8, 8, false, false, 0, 0, 0, 0, 0, 0);

    public int bytesPerPixel() {
        return bitsPerPixel / 8;
    }

    /** True for 32-bit true colour with 8-bit channels, where Tight sends 3-byte TPIXELs (red, green, blue). */
    public boolean is888() {
        return bitsPerPixel == 32 && depth <= 24 && trueColor && redMax == 255 && greenMax == 255 && blueMax == 255;
    }

    /**
     * The size of ZRLE's CPIXEL: 3 bytes for a 32-bit true-colour format of depth 24 or less whose channels all lie
     * in the lower or all in the upper three bytes of the pixel; otherwise a whole PIXEL.
     */
    public int cpixelBytes() {
        return bitsPerPixel == 32 && depth <= 24 && trueColor && (cpixelFitsLow24() || fitsHigh24()) ? 3 : bytesPerPixel();
    }

    /** Whether a 3-byte CPIXEL leaves out the pixel's most significant byte (else its least significant one). */
    public boolean cpixelFitsLow24() {
        return channelBits() >>> 24 == 0;
    }

    private int channelBits() {
        return (redMax << redShift) | (greenMax << greenShift) | (blueMax << blueShift);
    }

    private boolean fitsHigh24() {
        return (channelBits() & 0xff) == 0;
    }

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put((byte) bitsPerPixel).put((byte) depth).put((byte) (bigEndian ? 1 : 0))
                .put((byte) (trueColor ? 1 : 0)).putShort((short) redMax).putShort((short) greenMax)
                .putShort((short) blueMax).put((byte) redShift).put((byte) greenShift).put((byte) blueShift).array();
    }

    public static PixelFormat decode(RfbInput in) throws IOException {
        int bpp = in.u8();
        int depth = in.u8();
        boolean be = in.u8() != 0;
        boolean tc = in.u8() != 0;
        PixelFormat pf = new PixelFormat(bpp, depth, be, tc, in.u16(), in.u16(), in.u16(), in.u8(), in.u8(), in.u8());
        in.skip(3);
        return pf;
    }
}
