package dev.ums.viewer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The remote desktop's pixels: one {@code TYPE_INT_RGB} image whose backing {@code int[]} the
 * decoders write into in place (0xXXRRGGBB: the top byte is unused, as {@code TYPE_INT_RGB} ignores it, and may hold
 * anything; TurboJPEG leaves 0xFF there, and clearing it would cost a pass over every JPEG picture). Only the session's reader thread writes (and, if
 * enabled, JPEG workers, each into an area the reader leaves alone until they finish); painting
 * threads read {@link #image()} at any time and may see a half-updated rectangle for one frame,
 * which the following repaint corrects. A new array is allocated only when the desktop size changes, and the reader
 * thread may do so at any moment: a reader on another thread that needs the size and the pixels together takes them
 * in one read ({@link #live()}, {@link #snapshot()}), since {@link #width()}, {@link #height()} and {@link #pixels()}
 * read separately may come from before and after a resize.
 */
public final class Framebuffer {
    /** Largest width or height accepted from a server. */
    public static final int MAX_SIDE = 16384;
    /** Largest number of pixels accepted from a server (an 8K desktop), bounding memory to ~140 MB. */
    public static final long MAX_PIXELS = 7680L * 4320L;

    private volatile Surface surface = new Surface(1, 1);

    private record Surface(BufferedImage image, int[] pixels, int width, int height) {
        Surface(int width, int height) {
            this(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), width, height);
        }

        Surface(BufferedImage image, int width, int height) {
            this(image, ((DataBufferInt) image.getRaster().getDataBuffer()).getData(), width, height);
        }
    }

    /**
     * A pixel array with the size it was made for, row-major with a stride of {@code width}.
     *
     * @param array {@code width × height} pixels; live ones from {@link #live()}, a copy from {@link #snapshot()}
     */
    public record Pixels(int width, int height, int[] array) {
    }

    public int width() {
        return surface.width;
    }

    public int height() {
        return surface.height;
    }

    /** The image to paint; replaced by a new one after a resize, so read it afresh for each paint. */
    public BufferedImage image() {
        return surface.image;
    }

    /** The live pixel array, row-major with a stride of {@link #width()}; read the colour with {@code & 0xffffff}. */
    public int[] pixels() {
        return surface.pixels;
    }

    /** The live pixel array (read the colour with {@code & 0xffffff}) and its size, from one and the same desktop. */
    public Pixels live() {
        Surface s = surface;
        return new Pixels(s.width, s.height, s.pixels);
    }

    /** A copy of the pixels as 0x00RRGGBB with their size, from one and the same desktop. */
    public Pixels snapshot() {
        Surface s = surface;
        int[] copy = new int[s.width * s.height];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = s.pixels[i] & 0xffffff;
        }
        return new Pixels(s.width, s.height, copy);
    }

    /** A copy of the pixels as 0x00RRGGBB, for tests; with the size, use {@link #snapshot()}. */
    public int[] copyPixels() {
        return snapshot().array();
    }

    /**
     * Reallocates for a new desktop size; rejects sizes that would exhaust memory. Returns false
     * when the size did not change, in which case the pixels are kept.
     */
    public boolean resize(int width, int height) throws VncProtocolException {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE
                || (long) width * height > MAX_PIXELS) {
            throw new VncProtocolException("The server announced an unusable desktop size of "
                    + width + "×" + height + " pixels.");
        }
        if (width == surface.width && height == surface.height) {
            return false;
        }
        surface = new Surface(width, height);
        return true;
    }

    public boolean contains(int x, int y, int w, int h) {
        Surface s = surface;
        return x >= 0 && y >= 0 && w >= 0 && h >= 0 && x + w <= s.width && y + h <= s.height;
    }

    public void fill(int x, int y, int w, int h, int rgb) {
        Surface s = surface;
        for (int row = y; row < y + h; row++) {
            int start = row * s.width + x;
            java.util.Arrays.fill(s.pixels, start, start + w, rgb);
        }
    }

    /** Copies a rectangle inside the framebuffer; overlapping source and target are handled. */
    public void copy(int srcX, int srcY, int x, int y, int w, int h) {
        Surface s = surface;
        if (y <= srcY) {
            for (int row = 0; row < h; row++) {
                System.arraycopy(s.pixels, (srcY + row) * s.width + srcX, s.pixels, (y + row) * s.width + x, w);
            }
        } else {
            for (int row = h - 1; row >= 0; row--) {
                System.arraycopy(s.pixels, (srcY + row) * s.width + srcX, s.pixels, (y + row) * s.width + x, w);
            }
        }
    }

    /** Writes {@code w×h} pixels from {@code src} (row stride {@code w}) at {@code (x, y)}. */
    public void set(int x, int y, int w, int h, int[] src, int srcOffset) {
        Surface s = surface;
        for (int row = 0; row < h; row++) {
            System.arraycopy(src, srcOffset + row * w, s.pixels, (y + row) * s.width + x, w);
        }
    }
}
