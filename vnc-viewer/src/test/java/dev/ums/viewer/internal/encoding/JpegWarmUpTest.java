package dev.ums.viewer.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.viewer.Framebuffer;
import org.junit.jupiter.api.Test;

/** The warm-up's sample picture decodes through the session's JPEG path to its one colour. */
class JpegWarmUpTest {

    @Test
    void theSamplePictureDecodesToItsColour() throws Exception {
        Framebuffer fb = JpegWarmUp.decodeSample();
        for (int p : fb.pixels()) {
            assertThat(p >> 16 & 0xff).isBetween(195, 205);
            assertThat(p >> 8 & 0xff).isBetween(95, 105);
            assertThat(p & 0xff).isBetween(45, 55);
        }
        assertThat(fb.pixels()).hasSize(JpegWarmUp.WIDTH * JpegWarmUp.HEIGHT);
    }

    @Test
    void beginningTwiceIsHarmless() {
        JpegWarmUp.begin();
        JpegWarmUp.begin();
    }
}
