package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.VncProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JPEG decoder that writes a whole picture straight into the framebuffer's {@code int[]} (0x00RRGGBB), without the
 * JDK reader's scanline hand-over. The one implementation, {@code TurboJpeg}, calls libjpeg-turbo's TurboJPEG library
 * through the Foreign Function and Memory API and is compiled for Java 22 into the jar's multi-release part; on Java
 * 17, without the library, or with {@code -Ddev.ums.viewer.turbojpeg=false}, {@link #create()} returns null and
 * {@link TightJpeg} keeps the JDK's reader. An instance is used by one thread at a time (the one that owns the
 * {@link TightJpeg} holding it).
 */
interface WholePictureJpeg {
    /** The Java 22 class, present only in the jar's {@code META-INF/versions/22}. */
    String IMPLEMENTATION = "dev.ums.viewer.internal.encoding.TurboJpeg";

    /**
     * Decodes the {@code w×h} picture in {@code jpeg[0, length)} into {@code pixels} from {@code offset}, rows
     * {@code stride} ints apart. The caller has checked the picture's size against the rectangle.
     */
    void decode(byte[] jpeg, int length, int[] pixels, int offset, int stride, int w, int h)
            throws VncProtocolException;

    /**
     * Frees what the decoder holds outside the heap at once, rather than when it is collected; it decodes nothing
     * after. By the thread that uses it, once it no longer does.
     */
    void close();

    /** A new decoder, or null when only the JDK's reader is available here (the reason is logged once). */
    static WholePictureJpeg create() {
        return Loader.create();
    }

    /** Finds the implementation; any thread (the outcome is decided once per class loader). */
    final class Loader {
        private static final Logger LOG = LoggerFactory.getLogger(WholePictureJpeg.class);
        private static volatile boolean unavailable;
        private static volatile boolean announced;

        private Loader() {
        }

        static WholePictureJpeg create() {
            if (unavailable) {
                return null;
            }
            String reason;
            if (!Boolean.parseBoolean(System.getProperty("dev.ums.viewer.turbojpeg", "true"))) {
                reason = "switched off (dev.ums.viewer.turbojpeg=false)";
            } else if (Runtime.version().feature() < 22) {
                reason = "needs Java 22 or later, this is " + Runtime.version().feature();
            } else {
                try {
                    WholePictureJpeg decoder = (WholePictureJpeg) Class.forName(IMPLEMENTATION)
                            .getDeclaredConstructor().newInstance();
                    if (!announced) {
                        announced = true;
                        LOG.info("Tight JPEG is decoded by libjpeg-turbo's TurboJPEG library");
                    }
                    return decoder;
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    reason = "TurboJPEG is not available: " + cause;
                    LOG.debug("TurboJPEG could not be loaded", e);
                }
            }
            unavailable = true;
            LOG.info("Tight JPEG is decoded by the Java runtime's JPEG reader; {}", reason);
            return null;
        }
    }
}
