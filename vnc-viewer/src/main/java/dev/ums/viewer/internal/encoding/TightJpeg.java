package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncProtocolException;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

/**
 * Decodes a Tight JPEG rectangle with the JDK's JPEG reader. The image size is checked against
 * the rectangle before any pixel is decoded, so a lying header cannot allocate a huge image.
 * Colour pictures are decoded into one reused RGB image (grown to the largest rectangle seen,
 * which the framebuffer bounds) and copied in from its raster, avoiding an image per rectangle.
 */
final class TightJpeg {
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final JpegBytesInput input = new JpegBytesInput();
    private ImageReader reader;
    private ImageReadParam param;
    private BufferedImage target;

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
                r.read(0, param);
                copyRgb(target, x, y, w, h, fb);
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
     * The reused destination: bytes in R, G, B order, the order the decoder's scanlines come in,
     * so the reader copies each scanline with one array copy. Into {@code TYPE_3BYTE_BGR} it
     * reordered every pixel through a generic path and allocated an array per scanline.
     */
    private BufferedImage target(int w, int h) {
        if (target == null || target.getWidth() < w || target.getHeight() < h) {
            int tw = Math.max(w, target == null ? 0 : target.getWidth());
            int th = Math.max(h, target == null ? 0 : target.getHeight());
            WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, tw, th, tw * 3, 3,
                    new int[] {0, 1, 2}, null);
            ColorModel rgb = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                    Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
            target = new BufferedImage(rgb, raster, false, null);
        }
        return target;
    }

    /**
     * Reads each pixel as one big-endian int (its R, G, B and the next pixel's R) and drops the
     * low byte: one load per pixel instead of three. The last pixel of a row is read byte by byte,
     * as four bytes from it could run past the end of the buffer.
     */
    private static void copyRgb(BufferedImage image, int x, int y, int w, int h, Framebuffer fb) {
        byte[] rgb = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int rowBytes = image.getWidth() * 3;
        int[] px = fb.pixels();
        int stride = fb.width();
        if (w <= 0) {
            return;
        }
        for (int row = 0; row < h; row++) {
            int o = (y + row) * stride + x;
            int i = row * rowBytes;
            for (int end = o + w - 1; o < end; o++, i += 3) {
                px[o] = (int) BIG_ENDIAN_INT.get(rgb, i) >>> 8;
            }
            px[o] = (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
        }
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
