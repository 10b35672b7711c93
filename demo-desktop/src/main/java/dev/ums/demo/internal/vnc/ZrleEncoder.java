package dev.ums.demo.internal.vnc;

import dev.ums.rfb.EncodingType;
import dev.ums.rfb.Zrle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;

/**
 * ZRLE: 64×64 tiles, each solid, packed palette, palette run-length, plain run-length or raw (whichever is
 * smallest), all through one zlib stream that lives as long as the connection. {@link #close()} frees it.
 */
final class ZrleEncoder implements RectEncoder, AutoCloseable {
    private static final int TILE = Zrle.TILE;
    private static final int MAX_PALETTE = Zrle.MAX_RLE_PALETTE;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    private final ByteArrayOutputStream plain = new ByteArrayOutputStream(64 * 1024);
    private final byte[] cpixel = new byte[4];
    private final int[] tile = new int[TILE * TILE];
    private final int[] palette = new int[MAX_PALETTE];
    private final byte[] compressed = new byte[64 * 1024];
    private final ByteArrayOutputStream packed = new ByteArrayOutputStream(64 * 1024);

    @Override
    public int code() {
        return EncodingType.ZRLE;
    }

    @Override
    public void encode(int[] rgb, int w, int h, PixelWriter pixels, OutputStream out) throws IOException {
        plain.reset();
        for (int ty = 0; ty < h; ty += TILE) {
            int th = Math.min(TILE, h - ty);
            for (int tx = 0; tx < w; tx += TILE) {
                int tw = Math.min(TILE, w - tx);
                for (int y = 0; y < th; y++) {
                    System.arraycopy(rgb, (ty + y) * w + tx, tile, y * tw, tw);
                }
                encodeTile(tw * th, tw, th, pixels);
            }
        }
        deflater.setInput(plain.toByteArray());
        packed.reset();
        int n;
        // SYNC_FLUSH ends the rectangle on a byte boundary the client can decode up to, keeping the dictionary.
        do {
            n = deflater.deflate(compressed, 0, compressed.length, Deflater.SYNC_FLUSH);
            packed.write(compressed, 0, n);
        } while (n == compressed.length);
        int size = packed.size();
        out.write(new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size});
        packed.writeTo(out);
    }

    private void encodeTile(int n, int tw, int th, PixelWriter pixels) {
        int colours = collectPalette(n);
        int cp = pixels.cpixelBytes();
        if (colours == 1) {
            plain.write(Zrle.SOLID);
            writeCompact(palette[0], pixels);
            return;
        }
        int runs = runs(n);
        long raw = (long) n * cp;
        long plainRle = runs * (cp + 1L) + n / 255;
        long paletteRle = colours <= MAX_PALETTE ? colours * (long) cp + runs * 2L + n / 255 : Long.MAX_VALUE;
        long packedSize = colours <= Zrle.MAX_PACKED_PALETTE ? colours * (long) cp + (long) th * ((tw * Zrle.packedBits(colours) + 7) / 8)
                : Long.MAX_VALUE;
        long best = Math.min(Math.min(raw, plainRle), Math.min(paletteRle, packedSize));
        if (best == packedSize) {
            writePacked(n, tw, th, colours, pixels);
        } else if (best == paletteRle) {
            writePaletteRle(n, colours, pixels);
        } else if (best == plainRle) {
            writePlainRle(n, pixels);
        } else {
            plain.write(Zrle.RAW);
            for (int i = 0; i < n; i++) {
                writeCompact(tile[i], pixels);
            }
        }
    }

    /** Fills {@link #palette} in order of first appearance; returns its size, or MAX_PALETTE + 1 when larger. */
    private int collectPalette(int n) {
        int size = 0;
        outer:
        for (int i = 0; i < n; i++) {
            int c = tile[i];
            if (i > 0 && c == tile[i - 1]) {
                continue;
            }
            for (int p = 0; p < size; p++) {
                if (palette[p] == c) {
                    continue outer;
                }
            }
            if (size == MAX_PALETTE) {
                return MAX_PALETTE + 1;
            }
            palette[size++] = c;
        }
        return size;
    }

    private int indexOf(int colour, int size) {
        for (int p = 0; p < size; p++) {
            if (palette[p] == colour) {
                return p;
            }
        }
        throw new IllegalStateException("colour not in palette");
    }

    /** How many pixels from {@code i} on (of the tile's first {@code n}) have the colour of pixel {@code i}. */
    private int runAt(int i, int n) {
        int run = 1;
        while (i + run < n && tile[i + run] == tile[i]) {
            run++;
        }
        return run;
    }

    private int runs(int n) {
        int runs = 1;
        for (int i = 1; i < n; i++) {
            if (tile[i] != tile[i - 1]) {
                runs++;
            }
        }
        return runs;
    }

    private void writePacked(int n, int tw, int th, int colours, PixelWriter pixels) {
        plain.write(colours);
        for (int p = 0; p < colours; p++) {
            writeCompact(palette[p], pixels);
        }
        int bits = Zrle.packedBits(colours);
        for (int y = 0; y < th; y++) {
            int acc = 0;
            int used = 0;
            for (int x = 0; x < tw; x++) {
                acc = acc << bits | indexOf(tile[y * tw + x], colours);
                used += bits;
                if (used == 8) {
                    plain.write(acc);
                    acc = 0;
                    used = 0;
                }
            }
            if (used > 0) {
                plain.write(acc << (8 - used));
            }
        }
    }

    private void writePaletteRle(int n, int colours, PixelWriter pixels) {
        plain.write(Zrle.PALETTE_RLE + colours);
        for (int p = 0; p < colours; p++) {
            writeCompact(palette[p], pixels);
        }
        int i = 0;
        while (i < n) {
            int c = tile[i];
            int run = runAt(i, n);
            int index = indexOf(c, colours);
            if (run == 1) {
                plain.write(index);
            } else {
                plain.write(index | Zrle.RUN_FOLLOWS);
                writeRunLength(run);
            }
            i += run;
        }
    }

    private void writePlainRle(int n, PixelWriter pixels) {
        plain.write(Zrle.PLAIN_RLE);
        int i = 0;
        while (i < n) {
            int c = tile[i];
            int run = runAt(i, n);
            writeCompact(c, pixels);
            writeRunLength(run);
            i += run;
        }
    }

    /** Run lengths are sent minus one, as a sum of bytes where 255 means "more follows". */
    private void writeRunLength(int run) {
        int left = run - 1;
        while (left >= Zrle.RUN_LENGTH_MORE) {
            plain.write(Zrle.RUN_LENGTH_MORE);
            left -= Zrle.RUN_LENGTH_MORE;
        }
        plain.write(left);
    }

    private void writeCompact(int rgb, PixelWriter pixels) {
        int len = pixels.putCompact(cpixel, 0, pixels.pack(rgb));
        plain.write(cpixel, 0, len);
    }

    @Override
    public void close() {
        deflater.end();
    }
}
