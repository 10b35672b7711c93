package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncProtocolException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a Tight JPEG rectangle with the JDK's JPEG reader. The image size is checked against
 * the rectangle before any pixel is decoded, so a lying header cannot allocate a huge image.
 */
final class TightJpeg {
    private ImageReader reader;

    void decode(byte[] bytes, int length, int x, int y, int w, int h, Framebuffer fb) throws VncProtocolException {
        try (MemoryCacheImageInputStream input = new MemoryCacheImageInputStream(
                new ByteArrayInputStream(bytes, 0, length))) {
            ImageReader r = reader();
            r.setInput(input, true, true);
            if (r.getWidth(0) != w || r.getHeight(0) != h) {
                throw new VncProtocolException("The server sent a JPEG picture whose size does not match its rectangle.");
            }
            BufferedImage image = r.read(0);
            copy(image, x, y, w, h, fb);
        } catch (IOException | RuntimeException e) {
            if (e instanceof VncProtocolException vpe) {
                throw vpe;
            }
            throw new VncProtocolException("The server sent a corrupt JPEG picture.", e);
        }
    }

    /** Copies decoded pixels in; reads the raster directly for the usual BGR layout, which is several times faster than getRGB. */
    private static void copy(BufferedImage image, int x, int y, int w, int h, Framebuffer fb) {
        int[] px = fb.pixels();
        int stride = fb.width();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && image.getRaster().getSampleModel() instanceof PixelInterleavedSampleModel model
                && model.getScanlineStride() == w * 3) {
            byte[] bgr = buffer.getData();
            for (int row = 0; row < h; row++) {
                int o = (y + row) * stride + x;
                for (int c = 0, i = row * w * 3; c < w; c++, i += 3) {
                    px[o + c] = (bgr[i + 2] & 0xff) << 16 | (bgr[i + 1] & 0xff) << 8 | (bgr[i] & 0xff);
                }
            }
            return;
        }
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
