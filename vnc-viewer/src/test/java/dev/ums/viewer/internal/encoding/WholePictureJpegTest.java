package dev.ums.viewer.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncProtocolException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * TurboJPEG (Java 22 and later, where the build's second surefire run tests it) against the JDK's reader (Java 17):
 * the same pixels to the last bit, only inside the rectangle, and the same refusals.
 */
class WholePictureJpegTest {
    private static byte[] jpeg(BufferedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    /** Gradients, text-like edges and noise, so that every stage of the decoder matters. */
    private static BufferedImage picture(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = x < w / 3 ? (x * 255 / w) << 16 | (y * 255 / h) << 8 | 0x40
                        : x < 2 * w / 3 ? ((x / 3 + y / 5) % 2 == 0 ? 0x000000 : 0xffffff) : random.nextInt(0x1000000);
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    @Test
    void availableExactlyFromJava22On() {
        boolean newer = Runtime.version().feature() >= 22;
        assertThat(WholePictureJpeg.create() != null).as("TurboJPEG on Java %d", Runtime.version().feature())
                .isEqualTo(newer);
    }

    @Test
    void decodesTheSamePixelsAsTheJdkReaderAndNothingOutsideTheRectangle() throws Exception {
        WholePictureJpeg turbo = WholePictureJpeg.create();
        if (turbo == null) {
            // Java 17: the JDK's reader is the only path, tested by TightDecoderTest and RealXvncTest.
            assertThat(Runtime.version().feature()).isLessThan(22);
            return;
        }
        int[][] sizes = {{16, 8}, {1, 1}, {17, 33}, {300, 100}, {1920, 2}};
        for (int[] size : sizes) {
            int w = size[0];
            int h = size[1];
            for (BufferedImage img : new BufferedImage[] {picture(w, h, w * 31 + h), grey(w, h)}) {
                byte[] data = jpeg(img);
                Framebuffer jdk = framebuffer(w + 5, h + 4, 0x7a7a7a);
                Framebuffer ours = framebuffer(w + 5, h + 4, 0x7a7a7a);
                new TightJpeg(null).decode(data, data.length, 3, 2, w, h, jdk);
                new TightJpeg(turbo).decode(data, data.length, 3, 2, w, h, ours);
                assertThat(ours.copyPixels()).as("%dx%d, %d components", w, h, img.getColorModel().getNumComponents())
                        .containsExactly(jdk.copyPixels());
            }
        }
    }

    @Test
    void refusesCorruptPicturesAndWrongSizes() throws Exception {
        WholePictureJpeg turbo = WholePictureJpeg.create();
        if (turbo == null) {
            assertThat(Runtime.version().feature()).isLessThan(22);
            return;
        }
        byte[] data = jpeg(picture(32, 16, 1));
        int[] pixels = new int[64 * 64];
        assertThatThrownBy(() -> turbo.decode(data, data.length, pixels, 0, 64, 16, 16))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("does not match its rectangle");
        for (int length : new int[] {40, 4}) {
            byte[] cut = java.util.Arrays.copyOf(data, length);
            assertThatThrownBy(() -> turbo.decode(cut, cut.length, pixels, 0, 64, 32, 16))
                    .as("cut to %d bytes", length)
                    .isInstanceOf(VncProtocolException.class).hasMessageStartingWith("The server sent a");
        }
        byte[] garbage = data.clone();
        java.util.Arrays.fill(garbage, 2, garbage.length, (byte) 0x55);
        assertThatThrownBy(() -> turbo.decode(garbage, garbage.length, pixels, 0, 64, 32, 16))
                .isInstanceOf(VncProtocolException.class).hasMessage("The server sent a corrupt JPEG picture.");
        assertThat(pixels).as("nothing written by refused pictures").containsOnly(0);
    }

    private static BufferedImage grey(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * 7 + y * 13) & 0xff);
            }
        }
        return img;
    }

    private static Framebuffer framebuffer(int w, int h, int fill) throws Exception {
        Framebuffer fb = new Framebuffer();
        fb.resize(w, h);
        java.util.Arrays.fill(fb.pixels(), fill);
        return fb;
    }
}
