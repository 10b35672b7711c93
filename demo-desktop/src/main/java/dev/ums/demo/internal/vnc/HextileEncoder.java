package dev.ums.demo.internal.vnc;

import dev.ums.rfb.EncodingType;
import dev.ums.rfb.Hextile;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Hextile: 16×16 tiles, each a background with one-colour or coloured subrectangles, or raw when that is
 * smaller. Background and foreground are carried to the next tile where the specification allows, and
 * specified again after a raw tile or coloured subrectangles, where a decoder may have forgotten them.
 */
final class HextileEncoder implements RectEncoder {
    private static final int PIXELS = Hextile.TILE * Hextile.TILE;
    private static final int MAX_SUBRECTS = Hextile.MAX_SUBRECTS;

    private final int[] tile = new int[PIXELS];
    private final int[] sorted = new int[PIXELS];
    private final boolean[] done = new boolean[PIXELS];
    /** Subrectangles of the current tile: colour, packed xy, packed wh. */
    private final int[] subColour = new int[PIXELS];
    private final int[] subXy = new int[PIXELS];
    private final int[] subWh = new int[PIXELS];
    private final byte[] buf = new byte[1 + 2 * 4 + 1 + MAX_SUBRECTS * (4 + 2)];

    @Override
    public int code() {
        return EncodingType.HEXTILE;
    }

    @Override
    public void encode(int[] rgb, int w, int h, PixelWriter pixels, OutputStream out) throws IOException {
        // A decoder's remembered colours are unknown at the start of a rectangle.
        Integer background = null;
        Integer foreground = null;
        for (int ty = 0; ty < h; ty += Hextile.TILE) {
            int th = Math.min(Hextile.TILE, h - ty);
            for (int tx = 0; tx < w; tx += Hextile.TILE) {
                int tw = Math.min(Hextile.TILE, w - tx);
                for (int y = 0; y < th; y++) {
                    System.arraycopy(rgb, (ty + y) * w + tx, tile, y * tw, tw);
                }
                int n = tw * th;
                int bg = mostFrequent(n);
                int count = subrects(tw, th, bg);
                int len;
                if (count == 0) {
                    int mask = bg != nullToMinus(background) ? Hextile.BACKGROUND_SPECIFIED : 0;
                    len = header(mask, bg, 0, pixels);
                    background = bg;
                } else if (count <= MAX_SUBRECTS && oneColour(count)) {
                    int fg = subColour[0];
                    int mask = Hextile.ANY_SUBRECTS | (bg != nullToMinus(background) ? Hextile.BACKGROUND_SPECIFIED : 0)
                            | (foreground == null || fg != foreground ? Hextile.FOREGROUND_SPECIFIED : 0);
                    len = header(mask, bg, fg, pixels);
                    buf[len++] = (byte) count;
                    for (int i = 0; i < count; i++) {
                        buf[len++] = (byte) subXy[i];
                        buf[len++] = (byte) subWh[i];
                    }
                    background = bg;
                    foreground = fg;
                } else if (count <= MAX_SUBRECTS && 2 + count * (pixels.bytesPerPixel() + 2) < n * pixels.bytesPerPixel()) {
                    int mask = Hextile.ANY_SUBRECTS | Hextile.SUBRECTS_COLOURED
                            | (bg != nullToMinus(background) ? Hextile.BACKGROUND_SPECIFIED : 0);
                    len = header(mask, bg, 0, pixels);
                    buf[len++] = (byte) count;
                    for (int i = 0; i < count; i++) {
                        len = pixels.put(buf, len, pixels.pack(subColour[i]));
                        buf[len++] = (byte) subXy[i];
                        buf[len++] = (byte) subWh[i];
                    }
                    background = bg;
                    foreground = null;
                } else {
                    out.write(Hextile.RAW);
                    for (int i = 0; i < n; i++) {
                        pixels.put(buf, i * pixels.bytesPerPixel(), pixels.pack(tile[i]));
                    }
                    len = n * pixels.bytesPerPixel();
                    background = null;
                    foreground = null;
                }
                out.write(buf, 0, len);
            }
        }
    }

    private static int nullToMinus(Integer colour) {
        return colour == null ? -1 : colour;
    }

    private int header(int mask, int bg, int fg, PixelWriter pixels) {
        buf[0] = (byte) mask;
        int len = 1;
        if ((mask & Hextile.BACKGROUND_SPECIFIED) != 0) {
            len = pixels.put(buf, len, pixels.pack(bg));
        }
        if ((mask & Hextile.FOREGROUND_SPECIFIED) != 0) {
            len = pixels.put(buf, len, pixels.pack(fg));
        }
        return len;
    }

    private int mostFrequent(int n) {
        System.arraycopy(tile, 0, sorted, 0, n);
        Arrays.sort(sorted, 0, n);
        int best = sorted[0];
        int bestRun = 0;
        int run = 0;
        for (int i = 0; i < n; i++) {
            run = i > 0 && sorted[i] == sorted[i - 1] ? run + 1 : 1;
            if (run > bestRun) {
                bestRun = run;
                best = sorted[i];
            }
        }
        return best;
    }

    /** Covers every non-background pixel with greedy one-colour rectangles; stops counting past the limit. */
    private int subrects(int tw, int th, int bg) {
        Arrays.fill(done, 0, tw * th, false);
        int count = 0;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                int i = y * tw + x;
                if (done[i] || tile[i] == bg) {
                    continue;
                }
                if (count == MAX_SUBRECTS) {
                    return MAX_SUBRECTS + 1;
                }
                int c = tile[i];
                int w = 1;
                while (x + w < tw && !done[i + w] && tile[i + w] == c) {
                    w++;
                }
                int h = 1;
                while (y + h < th && rowMatches(tw, x, y + h, w, c)) {
                    h++;
                }
                for (int yy = y; yy < y + h; yy++) {
                    Arrays.fill(done, yy * tw + x, yy * tw + x + w, true);
                }
                subColour[count] = c;
                subXy[count] = Hextile.position(x, y);
                subWh[count] = Hextile.size(w, h);
                count++;
            }
        }
        return count;
    }

    private boolean rowMatches(int tw, int x, int y, int w, int c) {
        for (int i = y * tw + x; i < y * tw + x + w; i++) {
            if (done[i] || tile[i] != c) {
                return false;
            }
        }
        return true;
    }

    private boolean oneColour(int count) {
        for (int i = 1; i < count; i++) {
            if (subColour[i] != subColour[0]) {
                return false;
            }
        }
        return true;
    }
}
