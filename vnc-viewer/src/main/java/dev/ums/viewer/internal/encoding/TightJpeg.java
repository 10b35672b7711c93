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

/**
 * Decodes a Tight JPEG rectangle: whole into the framebuffer through libjpeg-turbo's TurboJPEG where available
 * ({@link WholePictureJpeg}), else with the JDK's JPEG reader. The image size is checked against
 * the rectangle before any pixel is decoded, so a lying header cannot allocate a huge image.
 * With the JDK's reader, colour pictures go scanline by scanline straight into the framebuffer through a
 * {@link JpegRowSink}, avoiding an image per rectangle and an intermediate copy. One thread at a time, which also
 * closes it.
 */
final class TightJpeg {
    /** libjpeg-turbo's TurboJPEG where the runtime and the library allow, else null and the JDK's reader decodes. */
    private final WholePictureJpeg whole;
    private final JpegBytesInput input = new JpegBytesInput();
    private ImageReader reader;
    private ImageReadParam param;
    private BufferedImage target;
    private JpegRowSink sink;
    private boolean closed;

    TightJpeg() {
        this(WholePictureJpeg.create());
    }

    /** With {@code whole} null, always the JDK's reader. */
    TightJpeg(WholePictureJpeg whole) {
        this.whole = whole;
    }

    /**
     * Frees the native decoders at once: TurboJPEG's handle, and the JDK reader's libjpeg state, which otherwise wait
     * for the garbage collector. It decodes nothing after.
     */
    void close() {
        if (whole != null) {
            whole.close();
        }
        if (reader != null) {
            reader.dispose();
            reader = null;
        }
        closed = true;
    }

    void decode(byte[] bytes, int length, int x, int y, int w, int h, Framebuffer fb) throws VncProtocolException {
        if (closed) {
            throw new IllegalStateException("the JPEG decoder is closed");
        }
        try {
            int components = componentsOfFrame(bytes, length, w, h);
            if (whole != null) {
                whole.decode(bytes, length, fb.pixels(), y * fb.width() + x, fb.width(), w, h);
                return;
            }
            input.reset(bytes, length);
            ImageReader r = reader();
            r.setInput(input, true, true);
            if (components == 3) {
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

    /** The frame markers of sequential Huffman-coded JPEG, which every Tight server sends (libjpeg's default). */
    private static final int SOF_BASELINE = 0xc0;
    private static final int SOF_EXTENDED_SEQUENTIAL = 0xc1;

    /**
     * Reads the picture's frame header (SOF marker) and returns its number of colour components (3 for colour,
     * which goes as 8-bit R, G, B through the row sink; 1 for grey). Checks the size against the rectangle
     * before the reader allocates anything for it, that the picture is sequential, and that it has no more scans than
     * colour components: a progressive picture may hold any number of scans of a few bytes, each of which makes the
     * decoder walk the whole picture (an end-of-band run over every block), and so may a sequential one whose first
     * scan leaves out a component (then each further scan, even an empty one, walks every block of its component),
     * so that a megabyte of them keeps it busy for minutes. Servers send one scan of all the components.
     */
    static int componentsOfFrame(byte[] b, int length, int w, int h) throws VncProtocolException {
        if (length < 4 || (b[0] & 0xff) != 0xff || (b[1] & 0xff) != 0xd8) {
            throw new VncProtocolException("The server sent a corrupt JPEG picture.");
        }
        int p = 2;
        while (p + 1 < length) {
            if ((b[p] & 0xff) != 0xff) {
                break;
            }
            int marker = b[p + 1] & 0xff;
            p += 2;
            if (marker == 0xff || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                p -= marker == 0xff ? 1 : 0;
                continue;
            }
            if (p + 2 > length || marker == 0xd9 || marker == 0xda) {
                break;
            }
            int segment = (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame && segment >= 8 && p + 8 <= length) {
                if (marker != SOF_BASELINE && marker != SOF_EXTENDED_SEQUENTIAL) {
                    throw new VncProtocolException("The server sent a progressive or otherwise non-sequential JPEG "
                            + "picture, which Tight does not use.");
                }
                int height = (b[p + 3] & 0xff) << 8 | (b[p + 4] & 0xff);
                int width = (b[p + 5] & 0xff) << 8 | (b[p + 6] & 0xff);
                if (width != w || height != h) {
                    throw new VncProtocolException(
                            "The server sent a JPEG picture whose size does not match its rectangle.");
                }
                int components = b[p + 7] & 0xff;
                if (scans(b, length) > components) {
                    throw new VncProtocolException("The server sent a JPEG picture with more scans than colour "
                            + "components, which Tight does not use.");
                }
                return components;
            }
            if (segment < 2) {
                break;
            }
            p += segment;
        }
        throw new VncProtocolException("The server sent a corrupt JPEG picture.");
    }

    /**
     * The start-of-scan markers in the picture: entropy-coded data writes a byte {@code FF} as {@code FF 00}, so every
     * {@code FF DA} is a marker.
     */
    private static int scans(byte[] b, int length) {
        int scans = 0;
        for (int i = 0; i + 1 < length; i++) {
            if (b[i] == (byte) 0xff && b[i + 1] == (byte) 0xda) {
                scans++;
            }
        }
        return scans;
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

    /**
     * Pictures other than 8-bit colour. Grey ones are copied sample by sample: the reader's grey image is linear,
     * so going through {@code getRGB} would brighten every mid-tone.
     */
    private static void copyAny(BufferedImage image, int x, int y, int w, int h, Framebuffer fb) {
        int[] px = fb.pixels();
        int stride = fb.width();
        java.awt.image.Raster raster = image.getRaster();
        if (raster.getNumBands() == 1 && raster.getSampleModel().getSampleSize(0) == 8) {
            int[] grey = new int[w];
            for (int row = 0; row < h; row++) {
                raster.getSamples(0, row, w, 1, 0, grey);
                for (int i = 0, o = (y + row) * stride + x; i < w; i++) {
                    px[o + i] = grey[i] * 0x010101;
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
