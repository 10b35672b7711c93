package dev.ums.viewer.internal.encoding;

import dev.ums.rfb.RfbInput;
import dev.ums.rfb.Zrle;
import dev.ums.viewer.VncProtocolException;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.zip.Inflater;

/**
 * ZRLE encoding: one session-long zlib stream carrying 64×64 tiles, each raw, solid, packed
 * palette, plain RLE or palette RLE, with 3-byte CPIXELs for 24-bit colour. Used by the thread reading the session
 * only, which also closes it.
 */
public final class ZrleDecoder implements RectDecoder {
    private static final int TILE = Zrle.TILE;
    private final ZlibStream zlib;
    private final int[] palette = new int[Zrle.MAX_RLE_PALETTE + 1];
    private final int[] tile = new int[TILE * TILE];
    private final byte[] rawTile = new byte[TILE * TILE * 4];
    private final ArrivingBlock compressed = new ArrivingBlock();

    public ZrleDecoder() {
        this(Inflater::new);
    }

    /** With {@code inflaters} making the zlib stream's {@link Inflater}. */
    ZrleDecoder(Supplier<Inflater> inflaters) {
        zlib = new ZlibStream("ZRLE", inflaters);
    }

    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, DecodeContext ctx) throws IOException {
        int max = (int) Math.min(Integer.MAX_VALUE - 16, (long) w * h * 5 + 64 * 1024);
        int length = in.length(max, "ZRLE data");
        zlib.input(compressed.read(in::readFully, length), 0, length);
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

    @Override
    public void close() {
        zlib.close();
    }

    /** How many bytes the buffer for compressed blocks holds room for now. */
    int bufferCapacity() {
        return compressed.capacity();
    }

    private void decodeTile(int tw, int th, PixelReader pr, byte[] cpixel) throws VncProtocolException {
        int sub = zlib.u8();
        int n = tw * th;
        if (sub == Zrle.RAW) {
            int size = n * pr.cpixelSize();
            zlib.readFully(rawTile, 0, size);
            pr.cpixels(rawTile, 0, tile, 0, n);
        } else if (sub == Zrle.SOLID) {
            java.util.Arrays.fill(tile, 0, n, readCpixel(pr, cpixel));
        } else if (sub <= Zrle.MAX_PACKED_PALETTE) {
            readPalette(sub, pr, cpixel);
            unpack(tw, th, Zrle.packedBits(sub));
        } else if (sub == Zrle.PLAIN_RLE) {
            for (int i = 0; i < n; ) {
                int rgb = readCpixel(pr, cpixel);
                int run = runLength(n - i);
                java.util.Arrays.fill(tile, i, i + run, rgb);
                i += run;
            }
        } else if (sub >= Zrle.PALETTE_RLE + 2) {
            int size = sub - Zrle.PALETTE_RLE;
            readPalette(size, pr, cpixel);
            for (int i = 0; i < n; ) {
                int index = zlib.u8();
                int run = (index & Zrle.RUN_FOLLOWS) != 0 ? runLength(n - i) : 1;
                index &= ~Zrle.RUN_FOLLOWS;
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
        } while (b == Zrle.RUN_LENGTH_MORE);
        return run;
    }
}
