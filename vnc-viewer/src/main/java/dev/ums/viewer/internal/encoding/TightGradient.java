package dev.ums.viewer.internal.encoding;

import dev.ums.rfb.PixelFormat;

/**
 * Tight's gradient filter: each channel was sent as the difference from the prediction
 * left + above − above-left, clamped to the channel's range.
 */
final class TightGradient {
    private final PixelReader reader;
    private final PixelFormat format;
    private final int[] max;
    private final int[] shift;

    TightGradient(PixelReader reader) {
        this.reader = reader;
        this.format = reader.format();
        if (format.is888()) {
            max = new int[] {255, 255, 255};
            shift = new int[] {16, 8, 0};
        } else {
            max = new int[] {format.redMax(), format.greenMax(), format.blueMax()};
            shift = new int[] {format.redShift(), format.greenShift(), format.blueShift()};
        }
    }

    void apply(byte[] data, int[] px, int stride, int x, int y, int w, int h) {
        int tsize = reader.tpixelSize();
        int[] above = new int[w * 3];
        int[] current = new int[w * 3];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int value = reader.tpixelValue(data, (r * w + c) * tsize);
                int pixel = 0;
                for (int k = 0; k < 3; k++) {
                    int left = c > 0 ? current[(c - 1) * 3 + k] : 0;
                    int upLeft = c > 0 ? above[(c - 1) * 3 + k] : 0;
                    int prediction = Math.max(0, Math.min(max[k], left + above[c * 3 + k] - upLeft));
                    int channel = (((value >>> shift[k]) & max[k]) + prediction) & max[k];
                    current[c * 3 + k] = channel;
                    pixel |= channel << shift[k];
                }
                px[(y + r) * stride + x + c] = format.is888() ? pixel : reader.rgb(pixel);
            }
            int[] t = above;
            above = current;
            current = t;
        }
    }
}
