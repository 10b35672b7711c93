package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncExcessiveUpdateException;
import java.io.IOException;

/**
 * What a decoder works on: the framebuffer, the wire pixel format, scratch buffers reused
 * across rectangles so that decoding does not allocate per update, the JPEG worker threads
 * if there are any, and the update's {@link PaintBudget}. Reader thread only; close it when the session ends.
 */
public final class DecodeContext implements AutoCloseable {
    private final Framebuffer framebuffer;
    private final PixelReader pixels;
    private final JpegWorkers jpegWorkers;
    private final PaintBudget paintBudget = new PaintBudget();
    private byte[] bytes = new byte[64 * 1024];
    private int[] ints = new int[64 * 64];
    /** Rows [jpegTop, jpegBottom) hold JPEG rectangles decoded since {@link #takeJpegRows()}; empty when top >= bottom. */
    private int jpegTop = Integer.MAX_VALUE;
    private int jpegBottom;

    /** Decodes everything on the calling thread. */
    public DecodeContext(Framebuffer framebuffer, PixelReader pixels) {
        this(framebuffer, pixels, 0, "");
    }

    /** With {@code jpegThreads > 0}, Tight JPEG rectangles are decoded on that many threads named after {@code namePrefix}. */
    public DecodeContext(Framebuffer framebuffer, PixelReader pixels, int jpegThreads, String namePrefix) {
        this.framebuffer = framebuffer;
        this.pixels = pixels;
        this.jpegWorkers = jpegThreads > 0 ? new JpegWorkers(jpegThreads, namePrefix) : null;
        beginUpdate();      // a decoder used on its own, outside an update, has one update's budget
    }

    /** The JPEG workers, or null when JPEG is decoded on the reader thread. */
    JpegWorkers jpegWorkers() {
        return jpegWorkers;
    }

    /** Before pixels in this rectangle are written or read: waits for JPEG decodes covering part of it. */
    void awaitDecodesOverlapping(int x, int y, int w, int h) throws IOException {
        if (jpegWorkers != null) {
            jpegWorkers.awaitOverlapping(x, y, w, h);
        }
    }

    /** Before an update counts as done or the framebuffer is replaced: waits for every pending JPEG decode. */
    void awaitDecodes() throws IOException {
        if (jpegWorkers != null) {
            jpegWorkers.awaitAll();
        }
    }

    /** A FramebufferUpdate begins: its paint budget starts from the desktop's present area. */
    void beginUpdate() {
        paintBudget.begin((long) framebuffer.width() * framebuffer.height());
    }

    /** Before {@code pixels} of the framebuffer are painted; refuses an update that paints far beyond its desktop. */
    void paint(long pixels) throws VncExcessiveUpdateException {
        paintBudget.spend(pixels);
    }

    /** Before the desktop is replaced by one of {@code pixels}, within the update. */
    void resizing(long pixels) throws VncExcessiveUpdateException {
        paintBudget.resized(pixels);
    }

    @Override
    public void close() {
        if (jpegWorkers != null) {
            jpegWorkers.close();
        }
    }

    /** A JPEG rectangle covered rows {@code y} to {@code y + h}: what it shows is JPEG's approximation. */
    void jpegDecoded(int y, int h) {
        jpegTop = Math.min(jpegTop, y);
        jpegBottom = Math.max(jpegBottom, y + h);
    }

    /** The rows JPEG rectangles covered since the last call, or null if none did; starts over. */
    public RowSpan takeJpegRows() {
        if (jpegTop >= jpegBottom) {
            return null;
        }
        RowSpan rows = new RowSpan(jpegTop, jpegBottom);
        jpegTop = Integer.MAX_VALUE;
        jpegBottom = 0;
        return rows;
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
