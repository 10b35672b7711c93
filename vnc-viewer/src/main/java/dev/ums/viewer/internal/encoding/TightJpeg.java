package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncProtocolException;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

/**
 * Decodes a Tight JPEG rectangle with the JDK's JPEG reader. The image size is checked against
 * the rectangle before any pixel is decoded, so a lying header cannot allocate a huge image.
 * Colour pictures go scanline by scanline straight into the framebuffer through a
 * {@link JpegRowSink}, avoiding an image per rectangle and an intermediate copy.
 */
final class TightJpeg {
    private final JpegBytesInput input = new JpegBytesInput();
    private ImageReader reader;
    private ImageReadParam param;
    private BufferedImage target;
    private JpegRowSink sink;

    void decode(byte[] bytes, int length, int x, int y, int w, int h, Framebuffer fb) throws VncProtocolException {
        try {
            input.reset(bytes, length);
            ImageReader r = reader();
            r.setInput(input, true, true);
            if (r.getWidth(0) != w || r.getHeight(0) != h) {
                throw new VncProtocolException("The server sent a JPEG picture whose size does not match its rectangle.");
            }
            if (decodesToRgb(r)) {
                if (param == null) {
                    param = r.getDefaultReadParam();
                }
                param.setDestination(target(w, h));
                sink.target(fb, x, y, w, h);
                r.read(0, param);
            } else {
                copyAny(r.read(0), x, y, w, h, fb);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof VncProtocolException vpe) {
                throw vpe;
            }
            throw new VncProtocolException("The server sent a corrupt JPEG picture.", e);
        } finally {
            if (reader != null) {
                reader.setInput(null);
            }
        }
    }

    /** True for colour pictures, which the reader can decode as 8-bit RGB (it offers 3-byte BGR for them). */
    private static boolean decodesToRgb(ImageReader r) throws IOException {
        for (Iterator<ImageTypeSpecifier> types = r.getImageTypes(0); types.hasNext(); ) {
            if (types.next().getBufferedImageType() == BufferedImage.TYPE_3BYTE_BGR) {
                return true;
            }
        }
        return false;
    }

    /**
     * The reused destination: an image over a {@link JpegRowSink}, which writes each decoded
     * scanline straight into the framebuffer. Grown to the largest rectangle seen, which the
     * framebuffer bounds.
     */
    private BufferedImage target(int w, int h) {
        if (target == null || target.getWidth() < w || target.getHeight() < h) {
            int tw = Math.max(w, target == null ? 0 : target.getWidth());
            int th = Math.max(h, target == null ? 0 : target.getHeight());
            sink = new JpegRowSink(tw, th);
            ColorModel rgb = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                    Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
            target = new BufferedImage(rgb, sink, false, null);
        }
        return target;
    }

    private static void copyAny(BufferedImage image, int x, int y, int w, int h, Framebuffer fb) {
        int[] px = fb.pixels();
        int stride = fb.width();
        image.getRGB(0, 0, w, h, px, y * stride + x, stride);
        for (int row = y; row < y + h; row++) {
            for (int i = row * stride + x, end = i + w; i < end; i++) {
                px[i] &= 0xffffff;
            }
        }
    }

    private ImageReader reader() throws VncProtocolException {
        if (reader == null) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            if (!readers.hasNext()) {
                throw new VncProtocolException("This Java runtime cannot decode JPEG pictures.");
            }
            reader = readers.next();
        }
        return reader;
    }
}
