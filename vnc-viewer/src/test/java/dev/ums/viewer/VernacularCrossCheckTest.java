package dev.ums.viewer;

import static dev.ums.viewer.RealXvncTest.connect;
import static org.assertj.core.api.Assertions.assertThat;

import com.shinyhut.vernacular.client.VernacularClient;
import com.shinyhut.vernacular.client.VernacularConfig;
import com.shinyhut.vernacular.client.rendering.ColorDepth;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** An independent client, vernacular, reads the same Xvnc; both framebuffers must be identical. */
class VernacularCrossCheckTest {

    @Test
    void bothClientsSeeTheSamePixels() throws Exception {
        try (XvncServer xvnc = XvncServer.start(200, 150)) {
            AtomicReference<int[]> theirs = new AtomicReference<>();
            AtomicReference<Exception> failure = new AtomicReference<>();
            VernacularConfig config = new VernacularConfig();
            config.setColorDepth(ColorDepth.BPP_24_TRUE);
            config.setUseLocalMousePointer(true);
            config.setErrorListener(failure::set);
            config.setScreenUpdateListener(image -> {
                BufferedImage b = (BufferedImage) image;
                int[] rgb = b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth());
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] &= 0xffffff;
                }
                theirs.set(rgb);
            });
            VernacularClient vernacular = new VernacularClient(config);
            vernacular.start(xvnc.host(), xvnc.port());
            try (VncSession ours = connect(xvnc, VncSettings.builder().encodings(Encoding.ZRLE).build())) {
                int[] mine = ours.framebuffer().copyPixels();
                for (int i = 0; i < 200 && !java.util.Arrays.equals(mine, theirs.get()) && failure.get() == null; i++) {
                    Thread.sleep(50);
                }
                assertThat(failure.get()).isNull();
                assertThat(theirs.get()).as("vernacular delivered a frame").isNotNull();
                assertThat(RealXvncTest.differingPixels(mine, theirs.get(), 0)).isZero();
            } finally {
                vernacular.stop();
            }
        }
    }
}
