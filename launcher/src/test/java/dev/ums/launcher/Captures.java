package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** What the end-to-end tests capture and check: a real external viewer's snapshot, PNG pixels, a refusal. */
final class Captures {
    private Captures() {
    }

    /**
     * A {@code vncsnapshot} of {@code hostPort} into {@code dir/file}: raw encoding, so the transfer is lossless
     * and the only lossy step, writing the JPEG, is the same deterministic libjpeg call on every path.
     */
    static Path vncsnapshot(Path dir, String hostPort, String file) throws Exception {
        return vncsnapshot(dir, hostPort, file, List.of("-allowblank", "-encodings", "raw"));
    }

    /** A {@code vncsnapshot} of {@code hostPort} into {@code dir/file} with {@code options} added; it must exit with 0. */
    static Path vncsnapshot(Path dir, String hostPort, String file, List<String> options) throws Exception {
        Path out = dir.resolve(file);
        Path log = dir.resolve(file + ".log");
        int colon = hostPort.lastIndexOf(':');
        List<String> command = new ArrayList<>(List.of("vncsnapshot", "-quiet", "-nocursor", "-nojpeg",
                "-quality", "100"));
        command.addAll(options);
        // "host::port" names a TCP port rather than a display number
        command.addAll(List.of(hostPort.substring(0, colon) + "::" + hostPort.substring(colon + 1), out.toString()));
        Process snapshot = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(snapshot.waitFor(30, TimeUnit.SECONDS)).as("vncsnapshot finished").isTrue();
            assertThat(snapshot.exitValue()).as("vncsnapshot exit code; log: %s", Files.readString(log)).isZero();
        } finally {
            snapshot.destroyForcibly();
        }
        return out;
    }

    /**
     * Our own engine as the viewer: {@code ums snapshot} through the proxy listening at {@code listening} writes a
     * lossless PNG to {@code png}; it and the proxy (whose only viewer it was) must both exit with 0. Returns the
     * PNG's RGB pixels, to compare with the X server's own. The snapshot process joins the test class's
     * {@code processes}.
     */
    static int[] engineSnapshot(UmsProcesses processes, Path logDir, UmsProcess proxy, String listening, Path png,
                                int width, int height) throws Exception {
        UmsProcess snapshot = processes.start("snapshot", logDir, Map.of(), "snapshot", "--vnc", listening,
                "--out", png.toString());
        assertThat(snapshot.awaitExit(Duration.ofSeconds(60))).as("ums snapshot exit code; stderr %s",
                snapshot.stderr()).isZero();
        assertThat(proxy.awaitExit(Duration.ofSeconds(60))).as("proxy exit code").isZero();
        return rgbPixels(png, width, height);
    }

    /** The RGB pixels (no alpha) of an image file, row by row, to compare with the X server's own. */
    static int[] rgbPixels(Path image, int width, int height) throws IOException {
        BufferedImage read = ImageIO.read(image.toFile());
        int[] pixels = read.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xffffff;
        }
        return pixels;
    }

    /** A command that must end with exit code 1, nothing on stdout and one {@code error:} sentence on stderr. */
    static void assertRefused(UmsProcess process, String sentence) throws Exception {
        assertRefused(process, 1, sentence);
    }

    /** A command that must end with {@code exitCode}, nothing on stdout and one {@code error:} sentence on stderr. */
    static void assertRefused(UmsProcess process, int exitCode, String sentence) throws Exception {
        int code = process.awaitExit(Duration.ofSeconds(60));
        assertThat(process.stdout()).as("stdout").isEmpty();
        assertThat(process.stderr()).as("stderr").singleElement().asString().startsWith("error: " + sentence);
        assertThat(code).as("exit code").isEqualTo(exitCode);
    }

    /** A proxy whose session started (it printed where it listens) and then ended abnormally with {@code sentence}. */
    static void assertEndedAbnormally(UmsProcess process, String sentence) throws Exception {
        int code = process.awaitExit(Duration.ofSeconds(60));
        assertThat(process.stdout()).as("stdout").singleElement().asString().startsWith("listening: ");
        assertThat(process.stderr()).as("stderr").containsExactly("error: " + sentence);
        assertThat(code).as("exit code").isEqualTo(1);
    }
}
