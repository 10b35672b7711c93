package dev.ums.viewer.internal.message;

import dev.ums.viewer.ColorDepth;
import dev.ums.viewer.VncProtocolException;
import java.io.IOException;
import java.io.OutputStream;

/** The 16-byte PIXEL_FORMAT structure of RFB; immutable. */
public record PixelFormat(int bitsPerPixel, int depth, boolean bigEndian, boolean trueColor,
                          int redMax, int greenMax, int blueMax, int redShift, int greenShift, int blueShift) {

    public static final PixelFormat RGB888 = new PixelFormat(32, 24, false, true, 255, 255, 255, 16, 8, 0);
    public static final PixelFormat RGB565 = new PixelFormat(16, 16, false, true, 31, 63, 31, 11, 5, 0);
    public static final PixelFormat INDEXED8 = new PixelFormat(8, 8, false, false, 0, 0, 0, 0, 0, 0);

    public static PixelFormat of(ColorDepth depth) {
        return switch (depth) {
            case TRUE_COLOR_24 -> RGB888;
            case HIGH_COLOR_16 -> RGB565;
            case INDEXED_8 -> INDEXED8;
        };
    }

    public int bytesPerPixel() {
        return bitsPerPixel / 8;
    }

    /** True for 32-bit true colour with 8-bit channels, where ZRLE and Tight send 3-byte pixels. */
    public boolean is888() {
        return bitsPerPixel == 32 && depth <= 24 && trueColor && redMax == 255 && greenMax == 255 && blueMax == 255;
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

    /** Rejects formats we cannot convert, before any pixel is read in them. */
    public PixelFormat validate() throws VncProtocolException {
        boolean bppOk = bitsPerPixel == 8 || bitsPerPixel == 16 || bitsPerPixel == 32;
        boolean channelsOk = !trueColor || (redMax > 0 && greenMax > 0 && blueMax > 0
                && redShift < bitsPerPixel && greenShift < bitsPerPixel && blueShift < bitsPerPixel);
        if (!bppOk || !channelsOk) {
            throw new VncProtocolException("The server uses a pixel format this viewer cannot show (" + this + ").");
        }
        return this;
    }

    public void encode(OutputStream out) throws IOException {
        out.write(new byte[] {(byte) bitsPerPixel, (byte) depth, (byte) (bigEndian ? 1 : 0), (byte) (trueColor ? 1 : 0),
            (byte) (redMax >> 8), (byte) redMax, (byte) (greenMax >> 8), (byte) greenMax,
            (byte) (blueMax >> 8), (byte) blueMax, (byte) redShift, (byte) greenShift, (byte) blueShift, 0, 0, 0});
    }
}
