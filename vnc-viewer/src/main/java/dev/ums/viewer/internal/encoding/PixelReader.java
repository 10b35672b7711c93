package dev.ums.viewer.internal.encoding;

import dev.ums.rfb.PixelFormat;
import dev.ums.rfb.RfbInput;
import dev.ums.viewer.VncProtocolException;
import java.io.IOException;

/**
 * Turns pixels in the negotiated wire format into 0x00RRGGBB. Knows the three pixel shapes RFB
 * uses: PIXEL (bits-per-pixel wide), ZRLE's CPIXEL and Tight's TPIXEL (both 3 bytes for 8-bit
 * channels). Used on the session's reader thread only.
 */
public final class PixelReader {
    private final PixelFormat format;
    private final int bytesPerPixel;
    private final int cpixelSize;
    /** How far a 3-byte CPIXEL's value is shifted to make the pixel's: 8 when it leaves out the lowest byte. */
    private final int cpixelShift;
    private final int[] colourMap = new int[256];
    private final int[] red;
    private final int[] green;
    private final int[] blue;

    public PixelReader(PixelFormat format) throws VncProtocolException {
        this.format = validate(format);
        this.bytesPerPixel = format.bytesPerPixel();
        this.cpixelSize = format.cpixelBytes();
        this.cpixelShift = format.cpixelFitsLow24() ? 0 : 8;
        this.red = scale(format.redMax());
        this.green = scale(format.greenMax());
        this.blue = scale(format.blueMax());
    }

    /** Rejects formats we cannot convert, before any pixel is read in them. */
    private static PixelFormat validate(PixelFormat f) throws VncProtocolException {
        int bpp = f.bitsPerPixel();
        boolean bppOk = bpp == 8 || bpp == 16 || bpp == 32;
        boolean channelsOk = !f.trueColor() || (f.redMax() > 0 && f.greenMax() > 0 && f.blueMax() > 0
                && f.redShift() < bpp && f.greenShift() < bpp && f.blueShift() < bpp);
        if (!bppOk || !channelsOk) {
            throw new VncProtocolException("The server uses a pixel format this viewer cannot show (" + f + ").");
        }
        return f;
    }

    private static int[] scale(int max) {
        int[] table = new int[max + 1];
        for (int v = 0; v <= max; v++) {
            table[v] = max == 0 ? 0 : (v * 255 + max / 2) / max;
        }
        return table;
    }

    public PixelFormat format() {
        return format;
    }

    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    /** ZRLE's compressed pixel size. */
    public int cpixelSize() {
        return cpixelSize;
    }

    /** Tight's compressed pixel size. */
    public int tpixelSize() {
        return format.is888() ? 3 : bytesPerPixel;
    }

    public void setColourMapEntries(int first, int[] rgb) throws VncProtocolException {
        if (first + rgb.length > colourMap.length) {
            throw new VncProtocolException("The server sent colour map entries beyond the 256 colours of the map.");
        }
        System.arraycopy(rgb, 0, colourMap, first, rgb.length);
    }

    /** Converts a raw pixel value of the wire format. */
    public int rgb(int value) {
        if (!format.trueColor()) {
            return colourMap[value & 0xff];
        }
        return red[(value >>> format.redShift()) & format.redMax()] << 16
                | green[(value >>> format.greenShift()) & format.greenMax()] << 8
                | blue[(value >>> format.blueShift()) & format.blueMax()];
    }

    /** Reads a PIXEL at {@code off}. */
    public int pixel(byte[] b, int off) {
        return rgb(value(b, off, bytesPerPixel));
    }

    private int value(byte[] b, int off, int n) {
        int v = 0;
        if (format.bigEndian()) {
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (b[off + i] & 0xff);
            }
        } else {
            for (int i = n - 1; i >= 0; i--) {
                v = (v << 8) | (b[off + i] & 0xff);
            }
        }
        return v;
    }

    /** Reads a ZRLE CPIXEL: a PIXEL, or the three bytes of it that hold the colours, in the format's byte order. */
    public int cpixel(byte[] b, int off) {
        return cpixelSize == 3 ? rgb(value(b, off, 3) << cpixelShift) : pixel(b, off);
    }

    /** Reads a Tight TPIXEL: red, green, blue bytes for 8-bit channels. */
    public int tpixel(byte[] b, int off) {
        if (format.is888()) {
            return (b[off] & 0xff) << 16 | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff);
        }
        return pixel(b, off);
    }

    /** True for our default wire format, where bulk conversion needs no table lookups. */
    private boolean isPlainBgrx() {
        return format.is888() && !format.bigEndian() && format.redShift() == 16 && format.greenShift() == 8
                && format.blueShift() == 0;
    }

    /** Converts {@code count} PIXELs at {@code off} into {@code dst}. */
    public void pixels(byte[] b, int off, int[] dst, int dstOff, int count) {
        if (bytesPerPixel == 4 && isPlainBgrx()) {
            for (int i = 0, o = off; i < count; i++, o += 4) {
                dst[dstOff + i] = (b[o + 2] & 0xff) << 16 | (b[o + 1] & 0xff) << 8 | (b[o] & 0xff);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            dst[dstOff + i] = pixel(b, off + i * bytesPerPixel);
        }
    }

    /** Converts {@code count} ZRLE CPIXELs at {@code off} into {@code dst}. */
    public void cpixels(byte[] b, int off, int[] dst, int dstOff, int count) {
        if (isPlainBgrx()) {
            for (int i = 0, o = off; i < count; i++, o += 3) {
                dst[dstOff + i] = (b[o + 2] & 0xff) << 16 | (b[o + 1] & 0xff) << 8 | (b[o] & 0xff);
            }
            return;
        }
        int size = cpixelSize();
        for (int i = 0; i < count; i++) {
            dst[dstOff + i] = cpixel(b, off + i * size);
        }
    }

    /** Converts {@code count} Tight TPIXELs at {@code off} into {@code dst}. */
    public void tpixels(byte[] b, int off, int[] dst, int dstOff, int count) {
        if (format.is888()) {
            for (int i = 0, o = off; i < count; i++, o += 3) {
                dst[dstOff + i] = (b[o] & 0xff) << 16 | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            dst[dstOff + i] = pixel(b, off + i * bytesPerPixel);
        }
    }

    public int readPixel(RfbInput in, byte[] scratch) throws IOException {
        in.readFully(scratch, 0, bytesPerPixel);
        return pixel(scratch, 0);
    }

    /** The raw wire value of a TPIXEL, for Tight's gradient filter which predicts per channel. */
    public int tpixelValue(byte[] b, int off) {
        if (format.is888()) {
            return (b[off] & 0xff) << 16 | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff);
        }
        return value(b, off, bytesPerPixel);
    }
}
