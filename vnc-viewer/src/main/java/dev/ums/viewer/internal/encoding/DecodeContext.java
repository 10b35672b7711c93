package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.Framebuffer;

/**
 * What a decoder works on: the framebuffer, the wire pixel format, and scratch buffers reused
 * across rectangles so that decoding does not allocate per update. Reader thread only.
 */
public final class DecodeContext {
    private final Framebuffer framebuffer;
    private final PixelReader pixels;
    private byte[] bytes = new byte[64 * 1024];
    private int[] ints = new int[64 * 64];

    public DecodeContext(Framebuffer framebuffer, PixelReader pixels) {
        this.framebuffer = framebuffer;
        this.pixels = pixels;
    }

    public Framebuffer framebuffer() {
        return framebuffer;
    }

    public PixelReader pixels() {
        return pixels;
    }

    /**
     * A byte buffer of at least {@code n} bytes. Callers bound {@code n} by the rectangle size,
     * which the framebuffer bounds, so growth is bounded too.
     */
    public byte[] bytes(int n) {
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
        return bytes;
    }

    public int[] ints(int n) {
        if (ints.length < n) {
            ints = new int[Math.max(n, ints.length * 2)];
        }
        return ints;
    }
}
