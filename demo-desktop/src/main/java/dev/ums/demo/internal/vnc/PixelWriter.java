package dev.ums.demo.internal.vnc;

import dev.ums.rfb.PixelFormat;

/**
 * Writes our 0xRRGGBB pixels in the pixel format a client asked for: as PIXELs, and as ZRLE's CPIXELs. Only
 * true-colour formats are served: {@link #unsupportedReason} names what is wrong with any other. Immutable.
 */
final class PixelWriter {
    private final PixelFormat format;
    private final int bytesPerPixel;
    private final int cpixelBytes;
    private final boolean cpixelFitsLow24;

    PixelWriter(PixelFormat format) {
        this.format = format;
        this.bytesPerPixel = format.bytesPerPixel();
        this.cpixelBytes = format.cpixelBytes();
        this.cpixelFitsLow24 = format.cpixelFitsLow24();
    }

    /** Null when this server can serve {@code format}, else one sentence saying why not. */
    static String unsupportedReason(PixelFormat format) {
        if (!format.trueColor()) {
            return "colour-map pixel formats are not supported, only true colour";
        }
        int bpp = format.bitsPerPixel();
        if (bpp != 8 && bpp != 16 && bpp != 32) {
            return "bits per pixel must be 8, 16 or 32, not " + bpp;
        }
        if (!validMax(format.redMax()) || !validMax(format.greenMax()) || !validMax(format.blueMax())) {
            return "colour maxima must be 2^n-1 and at most 255";
        }
        long all = ((long) format.redMax() << format.redShift()) | ((long) format.greenMax() << format.greenShift())
                | ((long) format.blueMax() << format.blueShift());
        if (format.redShift() >= bpp || format.greenShift() >= bpp || format.blueShift() >= bpp || all >= (1L << bpp)) {
            return "the colour channels do not fit in " + bpp + " bits";
        }
        return null;
    }

    private static boolean validMax(int max) {
        return max > 0 && max <= 255 && (max & (max + 1)) == 0;
    }

    int bytesPerPixel() {
        return bytesPerPixel;
    }

    /** The size of a CPIXEL in this format. */
    int cpixelBytes() {
        return cpixelBytes;
    }

    /** Converts 0xRRGGBB into this format's pixel value. */
    int pack(int rgb) {
        PixelFormat f = format;
        if (f.redMax() == 255 && f.greenMax() == 255 && f.blueMax() == 255) {
            return ((rgb >> 16) & 0xff) << f.redShift() | ((rgb >> 8) & 0xff) << f.greenShift()
                    | (rgb & 0xff) << f.blueShift();
        }
        return scale((rgb >> 16) & 0xff, f.redMax()) << f.redShift()
                | scale((rgb >> 8) & 0xff, f.greenMax()) << f.greenShift()
                | scale(rgb & 0xff, f.blueMax()) << f.blueShift();
    }

    private static int scale(int channel, int max) {
        return (channel * max + 127) / 255;
    }

    /** Writes a packed value as a PIXEL ({@link #bytesPerPixel()} bytes in the format's byte order). */
    int put(byte[] buf, int off, int value) {
        return putBytes(buf, off, value, bytesPerPixel);
    }

    /** Writes a packed value as a CPIXEL: the PIXEL, or its three bytes that hold the colours. */
    int putCompact(byte[] buf, int off, int value) {
        if (cpixelBytes != 3) {
            return put(buf, off, value);
        }
        return putBytes(buf, off, cpixelFitsLow24 ? value : value >>> 8, 3);
    }

    private int putBytes(byte[] buf, int off, int value, int n) {
        for (int i = 0; i < n; i++) {
            int shift = format.bigEndian() ? (n - 1 - i) * 8 : i * 8;
            buf[off + i] = (byte) (value >>> shift);
        }
        return off + n;
    }
}
