package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.VncProtocolException;
import dev.ums.viewer.internal.message.RfbInput;
import java.io.IOException;

/**
 * ZRLE encoding: one session-long zlib stream carrying 64×64 tiles, each raw, solid, packed
 * palette, plain RLE or palette RLE, with 3-byte CPIXELs for 24-bit colour.
 */
public final class ZrleDecoder implements RectDecoder {
    private static final int TILE = 64;
    private final ZlibStream zlib = new ZlibStream("ZRLE");
    private final int[] palette = new int[128];
    private final int[] tile = new int[TILE * TILE];
    private final byte[] rawTile = new byte[TILE * TILE * 4];
    private byte[] compressed = new byte[64 * 1024];

    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, DecodeContext ctx) throws IOException {
        int max = (int) Math.min(Integer.MAX_VALUE - 16, (long) w * h * 5 + 64 * 1024);
        int length = in.length(max, "ZRLE data");
        if (compressed.length < length) {
            compressed = new byte[length];
        }
        in.readFully(compressed, 0, length);
        zlib.input(compressed, 0, length);
        PixelReader pr = ctx.pixels();
        byte[] cpixel = new byte[4];
        for (int ty = y; ty < y + h; ty += TILE) {
            int th = Math.min(TILE, y + h - ty);
            for (int tx = x; tx < x + w; tx += TILE) {
                int tw = Math.min(TILE, x + w - tx);
                decodeTile(tw, th, pr, cpixel);
                ctx.framebuffer().set(tx, ty, tw, th, tile, 0);
            }
        }
    }

    private void decodeTile(int tw, int th, PixelReader pr, byte[] cpixel) throws VncProtocolException {
        int sub = zlib.u8();
        int n = tw * th;
        if (sub == 0) {
            int size = n * pr.cpixelSize();
            zlib.readFully(rawTile, 0, size);
            pr.cpixels(rawTile, 0, tile, 0, n);
        } else if (sub == 1) {
            java.util.Arrays.fill(tile, 0, n, readCpixel(pr, cpixel));
        } else if (sub <= 16) {
            readPalette(sub, pr, cpixel);
            unpack(tw, th, sub == 2 ? 1 : sub <= 4 ? 2 : 4);
        } else if (sub == 128) {
            for (int i = 0; i < n; ) {
                int rgb = readCpixel(pr, cpixel);
                int run = runLength(n - i);
                java.util.Arrays.fill(tile, i, i + run, rgb);
                i += run;
            }
        } else if (sub >= 130) {
            int size = sub - 128;
            readPalette(size, pr, cpixel);
            for (int i = 0; i < n; ) {
                int index = zlib.u8();
                int run = (index & 128) != 0 ? runLength(n - i) : 1;
                index &= 127;
                if (index >= size) {
                    throw new VncProtocolException("The server sent a ZRLE palette index outside the palette.");
                }
                java.util.Arrays.fill(tile, i, i + run, palette[index]);
                i += run;
            }
        } else {
            throw new VncProtocolException("The server sent an invalid ZRLE tile type (" + sub + ").");
        }
    }

    private int readCpixel(PixelReader pr, byte[] cpixel) throws VncProtocolException {
        zlib.readFully(cpixel, 0, pr.cpixelSize());
        return pr.cpixel(cpixel, 0);
    }

    private void readPalette(int size, PixelReader pr, byte[] cpixel) throws VncProtocolException {
        for (int i = 0; i < size; i++) {
            palette[i] = readCpixel(pr, cpixel);
        }
    }

    private void unpack(int tw, int th, int bits) throws VncProtocolException {
        int mask = (1 << bits) - 1;
        for (int row = 0; row < th; row++) {
            int shift = 0;
            int b = 0;
            for (int col = 0; col < tw; col++) {
                if (shift == 0) {
                    b = zlib.u8();
                    shift = 8;
                }
                shift -= bits;
                tile[row * tw + col] = palette[(b >> shift) & mask];
            }
        }
    }

    private int runLength(int remaining) throws VncProtocolException {
        int run = 1;
        int b;
        do {
            b = zlib.u8();
            run += b;
            if (run > remaining) {
                throw new VncProtocolException("The server sent a ZRLE run longer than its tile.");
            }
        } while (b == 255);
        return run;
    }
}
