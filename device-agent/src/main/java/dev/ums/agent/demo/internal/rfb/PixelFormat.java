package dev.ums.agent.demo.internal.rfb;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The RFB PIXEL_FORMAT a client asked for, and how our 0xRRGGBB pixels are written in it. Only true-colour
 * formats are served: {@link #unsupportedReason()} names what is wrong with any other.
 */
public record PixelFormat(int bitsPerPixel, int depth, boolean bigEndian, boolean trueColour,
                          int redMax, int greenMax, int blueMax, int redShift, int greenShift, int blueShift) {

    /** What the server announces: 32 bits per pixel, 8 bits per channel, little-endian, 0x00RRGGBB. */
    public static final PixelFormat SERVER_DEFAULT = new PixelFormat(32, 24, false, true, 255, 255, 255, 16, 8, 0);

    /** Reads the 16-byte structure (3 bytes of padding at the end). */
    public static PixelFormat read(DataInput in) throws IOException {
        int bpp = in.readUnsignedByte();
        int depth = in.readUnsignedByte();
        boolean be = in.readUnsignedByte() != 0;
        boolean tc = in.readUnsignedByte() != 0;
        PixelFormat format = new PixelFormat(bpp, depth, be, tc, in.readUnsignedShort(), in.readUnsignedShort(),
                in.readUnsignedShort(), in.readUnsignedByte(), in.readUnsignedByte(), in.readUnsignedByte());
        in.skipBytes(3);
        return format;
    }

    public void write(DataOutput out) throws IOException {
        out.write(new byte[] {(byte) bitsPerPixel, (byte) depth, (byte) (bigEndian ? 1 : 0), (byte) (trueColour ? 1 : 0),
            (byte) (redMax >> 8), (byte) redMax, (byte) (greenMax >> 8), (byte) greenMax,
            (byte) (blueMax >> 8), (byte) blueMax, (byte) redShift, (byte) greenShift, (byte) blueShift, 0, 0, 0});
    }

    /** Null when we can serve this format, else one sentence saying why not. */
    public String unsupportedReason() {
        if (!trueColour) {
            return "colour-map pixel formats are not supported, only true colour";
        }
        if (bitsPerPixel != 8 && bitsPerPixel != 16 && bitsPerPixel != 32) {
            return "bits per pixel must be 8, 16 or 32, not " + bitsPerPixel;
        }
        if (!validMax(redMax) || !validMax(greenMax) || !validMax(blueMax)) {
            return "colour maxima must be 2^n-1 and at most 255";
        }
        long all = ((long) redMax << redShift) | ((long) greenMax << greenShift) | ((long) blueMax << blueShift);
        if (redShift >= bitsPerPixel || greenShift >= bitsPerPixel || blueShift >= bitsPerPixel
                || all >= (1L << bitsPerPixel)) {
            return "the colour channels do not fit in " + bitsPerPixel + " bits";
        }
        return null;
    }

    private static boolean validMax(int max) {
        return max > 0 && max <= 255 && (max & (max + 1)) == 0;
    }

    public int bytesPerPixel() {
        return bitsPerPixel / 8;
    }

    /** Converts 0xRRGGBB into this format's pixel value. */
    public int pack(int rgb) {
        if (redMax == 255 && greenMax == 255 && blueMax == 255) {
            return ((rgb >> 16) & 0xff) << redShift | ((rgb >> 8) & 0xff) << greenShift | (rgb & 0xff) << blueShift;
        }
        return scale((rgb >> 16) & 0xff, redMax) << redShift | scale((rgb >> 8) & 0xff, greenMax) << greenShift
                | scale(rgb & 0xff, blueMax) << blueShift;
    }

    private static int scale(int channel, int max) {
        return (channel * max + 127) / 255;
    }

    /** Writes a packed value as a PIXEL ({@link #bytesPerPixel()} bytes in the format's byte order). */
    public int put(byte[] buf, int off, int value) {
        int n = bytesPerPixel();
        for (int i = 0; i < n; i++) {
            int shift = bigEndian ? (n - 1 - i) * 8 : i * 8;
            buf[off + i] = (byte) (value >>> shift);
        }
        return off + n;
    }

    private boolean fitsLow24() {
        return ((redMax << redShift) | (greenMax << greenShift) | (blueMax << blueShift)) >>> 24 == 0;
    }

    private boolean fitsHigh24() {
        return (((redMax << redShift) | (greenMax << greenShift) | (blueMax << blueShift)) & 0xff) == 0;
    }

    /** The size of ZRLE's CPIXEL: 3 bytes for 32-bit formats whose colours fit in three of them, else a PIXEL. */
    public int compactBytes() {
        return bitsPerPixel == 32 && depth <= 24 && (fitsLow24() || fitsHigh24()) ? 3 : bytesPerPixel();
    }

    /** Writes a packed value as a CPIXEL: the PIXEL's bytes without the one that is always zero. */
    public int putCompact(byte[] buf, int off, int value) {
        if (compactBytes() != 3) {
            return put(buf, off, value);
        }
        int v = fitsLow24() ? value : value >>> 8;
        for (int i = 0; i < 3; i++) {
            int shift = bigEndian ? (2 - i) * 8 : i * 8;
            buf[off + i] = (byte) (v >>> shift);
        }
        return off + 3;
    }
}
