package dev.ums.viewer.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.testkit.rfb.Bytes;
import dev.ums.viewer.Framebuffer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The JPEG decoders hold native memory (TurboJPEG's handle, the JDK reader's libjpeg state): closing frees it at once,
 * and a closed decoder refuses to decode rather than touch what was freed.
 */
class JpegDecodersCloseTest {
    private static byte[] jpeg16x8() throws Exception {
        BufferedImage img = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    /** A whole-picture decoder that only counts. */
    private static final class CountingWholePicture implements WholePictureJpeg {
        int closed;

        @Override
        public void decode(byte[] jpeg, int length, int[] pixels, int offset, int stride, int w, int h) {
        }

        @Override
        public void close() {
            closed++;
        }
    }

    @Test
    void closingTightJpegClosesItsWholePictureDecoder() {
        CountingWholePicture whole = new CountingWholePicture();
        new TightJpeg(whole).close();
        assertThat(whole.closed).isEqualTo(1);
    }

    @Test
    void theJdkReaderIsDisposedAndAClosedDecoderRefuses() throws Exception {
        byte[] picture = jpeg16x8();
        Framebuffer fb = new Framebuffer();
        fb.resize(16, 8);
        TightJpeg jdk = new TightJpeg(null);
        jdk.decode(picture, picture.length, 0, 0, 16, 8, fb);
        jdk.close();
        assertThatThrownBy(() -> jdk.decode(picture, picture.length, 0, 0, 16, 8, fb))
                .isInstanceOf(IllegalStateException.class).hasMessage("the JPEG decoder is closed");
    }

    @Test
    void closingTheTightDecoderClosesTheJpegDecoderItMade() throws Exception {
        byte[] picture = jpeg16x8();
        assertThat(picture.length).isBetween(0x80, 0x3fff);   // a two-byte compact length
        byte[] rect = new Bytes().u8(0x90).u8(0x80 | (picture.length & 0x7f), picture.length >> 7).raw(picture)
                .toArray();
        DecoderFixture f = new DecoderFixture(16, 8);
        TightDecoder decoder = new TightDecoder();
        f.decode(decoder, rect, 0, 0, 16, 8);
        decoder.close();
        assertThatThrownBy(() -> f.decode(decoder, rect, 0, 0, 16, 8)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theWorkersDecodersAreClosedOnceTheWorkersStopAlsoWhenTheReaderWasInterrupted() throws Exception {
        CountingWholePicture whole = new CountingWholePicture();
        JpegWorkers workers = new JpegWorkers(2, "test", () -> new TightJpeg(whole));
        byte[] picture = jpeg16x8();
        Framebuffer fb = new Framebuffer();
        fb.resize(16, 8);
        workers.submit(picture, picture.length, 0, 0, 16, 8, fb);      // a worker thread runs
        workers.awaitAll();
        Thread.currentThread().interrupt();                  // as after a local close of the session
        workers.close();
        assertThat(Thread.interrupted()).as("the interrupt is kept for the reader").isTrue();
        assertThat(whole.closed).isEqualTo(2);
    }

    /** Java 22 and later, where the build's second surefire run has TurboJPEG; on Java 17 there is none to close. */
    @Test
    void aClosedTurboJpegRefusesInsteadOfUsingItsFreedHandle() throws Exception {
        WholePictureJpeg turbo = WholePictureJpeg.create();
        if (turbo == null) {
            assertThat(Runtime.version().feature()).isLessThan(22);
            return;
        }
        byte[] picture = jpeg16x8();
        turbo.close();
        turbo.close();                                       // once freed, a second close does nothing
        assertThatThrownBy(() -> turbo.decode(picture, picture.length, new int[128], 0, 16, 16, 8))
                .isInstanceOf(IllegalStateException.class).hasMessage("the TurboJPEG handle is closed");
    }
}
