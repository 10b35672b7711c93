package dev.ums.viewer;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A half-resolution copy of the framebuffer, each pixel the average of a 2×2 block, kept up to
 * date only where the desktop changed. Drawing it instead of the framebuffer when shrinking below
 * half size makes the bilinear filter see every source pixel, so fine text and patterns blur
 * instead of breaking into moiré. Event thread only.
 */
final class HalfScaleCache {
    private BufferedImage image;
    private int[] pixels;
    private int sourceWidth;
    private int sourceHeight;

    /** The cached image, refreshed in {@code dirty} (framebuffer coordinates) or wholly after a resize. */
    BufferedImage image(Framebuffer fb, Rectangle dirty) {
        Framebuffer.Pixels source = fb.live();      // size and pixels of one desktop: the reader may resize any time
        int w = source.width();
        int h = source.height();
        if (image == null || w != sourceWidth || h != sourceHeight) {
            sourceWidth = w;
            sourceHeight = h;
            image = new BufferedImage(Math.max(1, w / 2), Math.max(1, h / 2), BufferedImage.TYPE_INT_RGB);
            pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            dirty = new Rectangle(0, 0, w, h);
        }
        if (dirty != null) {
            refresh(source.array(), w, dirty.intersection(new Rectangle(0, 0, w, h)));
        }
        return image;
    }

    private void refresh(int[] src, int w, Rectangle r) {
        int hw = image.getWidth();
        int hh = image.getHeight();
        int x0 = r.x / 2;
        int y0 = r.y / 2;
        int x1 = Math.min(hw, (r.x + r.width + 1) / 2);
        int y1 = Math.min(hh, (r.y + r.height + 1) / 2);
        for (int y = y0; y < y1; y++) {
            int top = 2 * y * w;
            int bottom = top + w;
            for (int x = x0; x < x1; x++) {
                int a = src[top + 2 * x];
                int b = src[top + 2 * x + 1];
                int c = src[bottom + 2 * x];
                int d = src[bottom + 2 * x + 1];
                int red = ((a >> 16 & 0xff) + (b >> 16 & 0xff) + (c >> 16 & 0xff) + (d >> 16 & 0xff) + 2) >> 2;
                int green = ((a >> 8 & 0xff) + (b >> 8 & 0xff) + (c >> 8 & 0xff) + (d >> 8 & 0xff) + 2) >> 2;
                int blue = ((a & 0xff) + (b & 0xff) + (c & 0xff) + (d & 0xff) + 2) >> 2;
                pixels[y * hw + x] = red << 16 | green << 8 | blue;
            }
        }
    }
}
