package dev.ums.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo VNC server read by a real external viewer, TightVNC's {@code vncsnapshot} (RFB 3.3), once per
 * encoding it can ask for (it has no ZRLE): the snapshot must look like the desktop. Close, not equal, because
 * vncsnapshot only writes JPEG.
 */
class DemoVncSnapshotTest {
    @TempDir
    Path work;
    private DemoDesktop desktop;
    private DemoVncServer server;

    @BeforeEach
    void start() throws Exception {
        desktop = DemoDesktop.start("snap-1", Clock.fixed(Instant.parse("2026-01-01T10:20:30Z"), ZoneOffset.UTC));
        server = DemoVncServer.start(desktop);
    }

    @AfterEach
    void stop() {
        server.close();
        desktop.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "hextile", "copyrect hextile", "copyrect raw"})
    void vncsnapshotSeesTheDesktop(String encodings) throws Exception {
        Path out = work.resolve("snap.jpg");
        Path log = work.resolve("snap.log");
        Process snapshot = new ProcessBuilder("vncsnapshot", "-quiet", "-nocursor", "-nojpeg", "-encodings", encodings,
                "-quality", "100", "127.0.0.1::" + server.port(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(snapshot.waitFor(30, TimeUnit.SECONDS)).as("vncsnapshot finished").isTrue();
            assertThat(snapshot.exitValue()).as("exit code; log: %s", Files.readString(log)).isZero();
        } finally {
            snapshot.destroyForcibly();
        }
        BufferedImage got = ImageIO.read(out.toFile());
        BufferedImage want = desktop.snapshot();
        assertThat(got.getWidth()).isEqualTo(want.getWidth());
        assertThat(got.getHeight()).isEqualTo(want.getHeight());
        long error = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < want.getHeight(); y++) {
            for (int x = 0; x < want.getWidth(); x++) {
                int a = got.getRGB(x, y);
                int b = want.getRGB(x, y);
                colours.add(a & 0xffffff);
                for (int shift = 0; shift <= 16; shift += 8) {
                    error += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
                }
            }
        }
        assertThat(colours.size()).as("distinct colours: not blank").isGreaterThan(50);
        assertThat(error / (want.getWidth() * (double) want.getHeight() * 3)).as("mean error per channel")
                .isLessThan(4.0);
    }
}
