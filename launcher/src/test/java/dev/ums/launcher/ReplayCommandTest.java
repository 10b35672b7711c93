package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.gui.internal.playback.DamagedRecording;
import dev.ums.console.gui.internal.playback.RecordedSessionFile;
import dev.ums.testkit.vnc.XvncServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ums replay} run in-process on a recording of a real session with a real Xvnc: the last frame and the
 * frame at a moment equal what the live viewer showed; a missing file, a directory, a file that is no recording,
 * a recording damaged in its header and an {@code --out} that cannot be written are one sentence each with exit code
 * 1; the frame is written owner-only, replacing whatever stood at its name; one damaged halfway renders up to the
 * damage.
 */
class ReplayCommandTest {
    @TempDir
    static Path dir;
    private static Path recording;
    private static RecordedSessionFile live;

    @BeforeAll
    static void recordASession() throws Exception {
        recording = dir.resolve("s-1.umsrec");
        try (XvncServer xvnc = XvncServer.start(320, 240)) {
            live = RecordedSessionFile.record(xvnc, recording);
        }
    }

    private static int run(StringWriter err, String... args) {
        return Ums.commandLine(args).setExecutionExceptionHandler(new UserErrorHandler())
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    private static int[] pixels(Path png) throws Exception {
        var image = ImageIO.read(png.toFile());
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return Arrays.stream(rgb).map(p -> p & 0xffffff).toArray();
    }

    @Test
    void rendersTheLastFrameByDefault() throws Exception {
        Path png = dir.resolve("last.png");
        StringWriter err = new StringWriter();
        assertThat(run(err, "replay", recording.toString(), "--out", png.toString())).as(err.toString()).isZero();
        assertThat(pixels(png)).isEqualTo(live.lastFrame);
    }

    @Test
    void rendersTheFrameAtAMoment() throws Exception {
        Path png = dir.resolve("first.png");
        StringWriter err = new StringWriter();
        String at = String.valueOf(live.firstMoment / 1e6);
        assertThat(run(err, "replay", recording.toString(), "--at", at, "--out", png.toString()))
                .as(err.toString()).isZero();
        assertThat(pixels(png)).isEqualTo(live.firstFrame).isNotEqualTo(live.lastFrame);
    }

    @Test
    void theFrameIsOwnerOnlyAndALinkAtItsNameIsReplacedNotFollowed() throws Exception {
        Path elsewhere = Files.writeString(dir.resolve("someone-elses.txt"), "kept");
        Path png = Files.createSymbolicLink(dir.resolve("linked.png"), elsewhere);
        StringWriter err = new StringWriter();

        assertThat(run(err, "replay", recording.toString(), "--out", png.toString())).as(err.toString()).isZero();

        assertThat(elsewhere).hasContent("kept");
        assertThat(Files.isSymbolicLink(png)).isFalse();
        assertThat(pixels(png)).isEqualTo(live.lastFrame);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(png))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
    }

    @Test
    void aPipeAtTheNameIsWrittenToNotReplaced() throws Exception {
        Path pipe = dir.resolve("frame.pipe");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(pipe);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        StringWriter err = new StringWriter();

        assertThat(run(err, "replay", recording.toString(), "--out", pipe.toString())).as(err.toString()).isZero();

        byte[] png = read.get(30, TimeUnit.SECONDS);
        assertThat(Arrays.copyOf(png, 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(Files.isRegularFile(pipe)).as("still the pipe").isFalse();
        assertThat(Files.exists(pipe)).isTrue();
    }

    @Test
    void missingFileIsOneSentence() {
        Path missing = dir.resolve("nothing.umsrec");
        StringWriter err = new StringWriter();
        assertThat(run(err, "replay", missing.toString(), "--out", dir.resolve("x.png").toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: There is no recording at " + missing + ".");
    }

    @Test
    void aDirectoryIsUnreadableNotDamaged() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder.umsrec"));
        StringWriter err = new StringWriter();
        assertThat(run(err, "replay", folder.toString(), "--out", dir.resolve("x.png").toString())).isEqualTo(1);
        assertThat(err.toString().lines())
                .containsExactly("error: The recording " + folder + " cannot be read: it is a directory.");
    }

    @Test
    void foreignFileIsOneSentence() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.umsrec"), "not a recording at all\n");
        StringWriter err = new StringWriter();
        assertThat(run(err, "replay", text.toString(), "--out", dir.resolve("x.png").toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: " + text + " is not a session recording.");
    }

    @Test
    void aRecordingDamagedInItsHeaderIsOneSentence() throws Exception {
        Path damaged = Files.write(dir.resolve("damaged.umsrec"), Arrays.copyOf(Files.readAllBytes(recording), 14));
        Path out = dir.resolve("damaged.png");
        StringWriter err = new StringWriter();
        assertThat(run(err, "replay", damaged.toString(), "--out", out.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: The recording " + damaged
                + " is damaged and cannot be replayed.");
        assertThat(out).doesNotExist();
    }

    /**
     * Damage halfway through loses only what follows it: the picture is the one a recording cut off at the same
     * place shows, a warning names the time of the damage, and a moment before the damage renders without one.
     */
    @Test
    void aRecordingDamagedHalfwayRendersUpToTheDamageWithAWarning() throws Exception {
        byte[] whole = Files.readAllBytes(recording);
        Path damaged = Files.write(dir.resolve("damaged-halfway.umsrec"), DamagedRecording.damagedHalfway(whole));
        Path cut = Files.write(dir.resolve("cut-halfway.umsrec"), DamagedRecording.cutHalfway(whole));
        long damagedAfter = DamagedRecording.lastChunkMicros(cut);
        String seconds = BigDecimal.valueOf(damagedAfter / 100_000, 1).toPlainString();

        StringWriter err = new StringWriter();
        assertThat(run(err, "replay", damaged.toString(), "--out", dir.resolve("damaged-last.png").toString()))
                .as(err.toString()).isZero();
        assertThat(err.toString().lines()).containsExactly("warning: The recording " + damaged + " is damaged after "
                + seconds + " s; the picture is the last one before the damage.");
        StringWriter cutErr = new StringWriter();
        assertThat(run(cutErr, "replay", cut.toString(), "--out", dir.resolve("cut-last.png").toString())).isZero();
        assertThat(cutErr.toString()).isEmpty();
        assertThat(pixels(dir.resolve("damaged-last.png"))).isEqualTo(pixels(dir.resolve("cut-last.png")));

        StringWriter before = new StringWriter();
        assertThat(run(before, "replay", damaged.toString(), "--at", String.valueOf(damagedAfter / 1e6),
                "--out", dir.resolve("damaged-before.png").toString())).as(before.toString()).isZero();
        assertThat(before.toString()).isEmpty();
    }

    @Test
    void aDirectoryAsOutIsOneSentenceWithTheReason() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("a-folder.png"));
        StringWriter err = new StringWriter();
        assertThat(run(err, "replay", recording.toString(), "--out", folder.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly("error: cannot write " + folder + ": is a directory");
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void anOutThatIsTheRecordingItselfIsRefusedAndTheRecordingKept() throws Exception {
        Path copy = Files.copy(recording, dir.resolve("copy.umsrec"));
        StringWriter err = new StringWriter();
        assertThat(run(err, "replay", copy.toString(), "--out", dir.resolve(".").resolve("copy.umsrec").toString()))
                .isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly("error: --out names the recording itself, which the PNG "
                + "would replace; give the PNG another name.");
        assertThat(Files.mismatch(copy, recording)).as("the recording is unchanged").isEqualTo(-1L);
    }

    @Test
    void anOutUnderARegularFileIsOneSentenceWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Path out = file.resolve("frame.png");
        StringWriter err = new StringWriter();
        assertThat(run(err, "replay", recording.toString(), "--out", out.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly("error: cannot write " + out + ": not a directory");
        assertThat(file).hasContent("x");
    }
}
