package dev.ums.testkit.rfb;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/** Builds annotated byte arrays for protocol tests: {@code new Bytes().u8(0).u16(320)}. */
public final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Bytes u8(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    public Bytes u16(int... values) {
        for (int v : values) {
            out.write(v >> 8);
            out.write(v);
        }
        return this;
    }

    public Bytes s32(int... values) {
        for (int v : values) {
            out.write(v >> 24);
            out.write(v >> 16);
            out.write(v >> 8);
            out.write(v);
        }
        return this;
    }

    public Bytes ascii(String s) {
        out.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return this;
    }

    public Bytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** A 32-bit little-endian pixel in our RGB888 wire format (bytes B, G, R, 0): a CPIXEL and a zero byte. */
    public Bytes pixel32(int... rgbs) {
        for (int rgb : rgbs) {
            cpixel(rgb).u8(0);
        }
        return this;
    }

    /** A 3-byte ZRLE CPIXEL in our format (B, G, R). */
    public Bytes cpixel(int... rgbs) {
        for (int rgb : rgbs) {
            out.write(rgb);
            out.write(rgb >> 8);
            out.write(rgb >> 16);
        }
        return this;
    }

    /** A 3-byte Tight TPIXEL (R, G, B). */
    public Bytes tpixel(int... rgbs) {
        for (int rgb : rgbs) {
            out.write(rgb >> 16);
            out.write(rgb >> 8);
            out.write(rgb);
        }
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toArray() {
        return out.toByteArray();
    }

    /** Compresses with sync flush, as VNC servers do, continuing the given deflater's stream. */
    public static byte[] deflate(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        byte[] buf = new byte[data.length * 2 + 64];
        int n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        return java.util.Arrays.copyOf(buf, n);
    }
}
