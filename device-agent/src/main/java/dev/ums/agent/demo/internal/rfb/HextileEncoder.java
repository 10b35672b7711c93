package dev.ums.agent.demo.internal.rfb;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Hextile: 16×16 tiles, each a background with one-colour or coloured subrectangles, or raw when that is
 * smaller. Background and foreground are carried to the next tile where the specification allows, and
 * specified again after a raw tile or coloured subrectangles, where a decoder may have forgotten them.
 */
public final class HextileEncoder implements RectEncoder {
    static final int RAW_TILE = 1;
    static final int BACKGROUND_SPECIFIED = 2;
    static final int FOREGROUND_SPECIFIED = 4;
    static final int ANY_SUBRECTS = 8;
    static final int SUBRECTS_COLOURED = 16;
    private static final int MAX_SUBRECTS = 255;

    private final int[] tile = new int[256];
    private final int[] sorted = new int[256];
    private final boolean[] done = new boolean[256];
    /** Subrectangles of the current tile: colour, packed xy, packed wh. */
    private final int[] subColour = new int[256];
    private final int[] subXy = new int[256];
    private final int[] subWh = new int[256];
    private final byte[] buf = new byte[1 + 2 * 4 + 1 + MAX_SUBRECTS * (4 + 2)];

    @Override
    public int code() {
        return HEXTILE;
    }

    @Override
    public void encode(int[] rgb, int w, int h, PixelFormat format, OutputStream out) throws IOException {
        // A decoder's remembered colours are unknown at the start of a rectangle.
        Integer background = null;
        Integer foreground = null;
        for (int ty = 0; ty < h; ty += 16) {
            int th = Math.min(16, h - ty);
            for (int tx = 0; tx < w; tx += 16) {
                int tw = Math.min(16, w - tx);
                for (int y = 0; y < th; y++) {
                    System.arraycopy(rgb, (ty + y) * w + tx, tile, y * tw, tw);
                }
                int n = tw * th;
                int bg = mostFrequent(n);
                int count = subrects(tw, th, bg);
                int len;
                if (count == 0) {
                    int mask = bg != nullToMinus(background) ? BACKGROUND_SPECIFIED : 0;
                    len = header(mask, bg, 0, format);
                    background = bg;
                } else if (count <= MAX_SUBRECTS && oneColour(count)) {
                    int fg = subColour[0];
                    int mask = ANY_SUBRECTS | (bg != nullToMinus(background) ? BACKGROUND_SPECIFIED : 0)
                            | (foreground == null || fg != foreground ? FOREGROUND_SPECIFIED : 0);
                    len = header(mask, bg, fg, format);
                    buf[len++] = (byte) count;
                    for (int i = 0; i < count; i++) {
                        buf[len++] = (byte) subXy[i];
                        buf[len++] = (byte) subWh[i];
                    }
                    background = bg;
                    foreground = fg;
                } else if (count <= MAX_SUBRECTS && 2 + count * (format.bytesPerPixel() + 2) < n * format.bytesPerPixel()) {
                    int mask = ANY_SUBRECTS | SUBRECTS_COLOURED | (bg != nullToMinus(background) ? BACKGROUND_SPECIFIED : 0);
                    len = header(mask, bg, 0, format);
                    buf[len++] = (byte) count;
                    for (int i = 0; i < count; i++) {
                        len = format.put(buf, len, format.pack(subColour[i]));
                        buf[len++] = (byte) subXy[i];
                        buf[len++] = (byte) subWh[i];
                    }
                    background = bg;
                    foreground = null;
                } else {
                    out.write(RAW_TILE);
                    for (int i = 0; i < n; i++) {
                        format.put(buf, i * format.bytesPerPixel(), format.pack(tile[i]));
                    }
                    len = n * format.bytesPerPixel();
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

    private int header(int mask, int bg, int fg, PixelFormat format) {
        buf[0] = (byte) mask;
        int len = 1;
        if ((mask & BACKGROUND_SPECIFIED) != 0) {
            len = format.put(buf, len, format.pack(bg));
        }
        if ((mask & FOREGROUND_SPECIFIED) != 0) {
            len = format.put(buf, len, format.pack(fg));
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
                subXy[count] = x << 4 | y;
                subWh[count] = (w - 1) << 4 | (h - 1);
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
