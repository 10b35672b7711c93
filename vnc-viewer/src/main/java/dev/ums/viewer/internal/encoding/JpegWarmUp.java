package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncProtocolException;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readies the JPEG decoding path while a session connects, so that its first picture does not pay for it: the JDK's
 * image I/O registry, its JPEG reader and native library (or TurboJPEG's) cost 250–550 ms when first used on the
 * benchmark machine, and on the reader thread that delayed the first picture and every answer to the server's
 * fences behind it (over a 10 Mbit/s link the first 170 KB picture took 330 ms to read where the link needed 136 ms,
 * and Xvnc's congestion control measured a 369 ms round trip). Decodes one tiny picture through {@link TightJpeg},
 * once per Java runtime. Threads: {@link #begin()} from any thread; the work runs on a daemon thread of its own and
 * touches nothing of any session.
 */
public final class JpegWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(JpegWarmUp.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    static final int WIDTH = 16;
    static final int HEIGHT = 8;
    /** A 16×8 baseline JPEG of one colour, RGB 200, 100, 50. */
    private static final byte[] SAMPLE = Base64.getDecoder().decode(
            "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQ"
            + "ERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU"
            + "FBQUFBQUFBQUFBQUFBT/wAARCAAIABADAREAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAA"
            + "AAAAAAAA/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAcI/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AkQ9pAB//"
            + "2Q==");

    private JpegWarmUp() {
    }

    /** Starts the warm-up unless it was started before in this runtime; returns at once. */
    public static void begin() {
        if (STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(JpegWarmUp::run, "vnc-jpeg-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Decodes the sample picture into a framebuffer of its size and returns the framebuffer. */
    static Framebuffer decodeSample() throws VncProtocolException {
        Framebuffer fb = new Framebuffer();
        fb.resize(WIDTH, HEIGHT);
        new TightJpeg().decode(SAMPLE, SAMPLE.length, 0, 0, WIDTH, HEIGHT, fb);
        return fb;
    }

    private static void run() {
        long start = System.nanoTime();
        try {
            decodeSample();
            LOG.debug("JPEG decoding readied in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (VncProtocolException | RuntimeException | LinkageError e) {
            // The session's own first picture will meet and report the same problem.
            LOG.debug("readying JPEG decoding failed", e);
        }
    }
}
