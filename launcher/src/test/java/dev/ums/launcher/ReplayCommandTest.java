package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.gui.internal.playback.RecordedSessionFile;
import dev.ums.testkit.vnc.XvncServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ums replay} run in-process on a recording of a real session with a real Xvnc: the last frame and the
 * frame at a moment equal what the live viewer showed; a missing file, a directory, a file that is no recording,
 * a damaged recording and an {@code --out} that cannot be written are one sentence each with exit code 1; the
 * frame is written owner-only, replacing whatever stood at its name.
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
    void damagedRecordingIsOneSentence() throws Exception {
        Path damaged = Files.write(dir.resolve("damaged.umsrec"), withBadRecordHalfway(Files.readAllBytes(recording)));
        Path out = dir.resolve("damaged.png");
        StringWriter err = new StringWriter();
        assertThat(run(err, "replay", damaged.toString(), "--out", out.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: The recording " + damaged
                + " is damaged and cannot be replayed.");
        assertThat(out).doesNotExist();
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

    /** The recording cut at the first record boundary past half its length, followed by a record of kind 9. */
    private static byte[] withBadRecordHalfway(byte[] file) throws Exception {
        byte[] stream;
        try (var in = new InflaterInputStream(new ByteArrayInputStream(file, 8, file.length - 8))) {
            stream = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(stream);
        b.position(4 + b.getInt(0));                               // past the header
        while (b.position() < stream.length / 2) {
            b.position(b.position() + 13 + b.getInt(b.position() + 9));   // kind, time, length, payload
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("UMSREC1\n".getBytes(StandardCharsets.US_ASCII));
        try (var deflate = new DeflaterOutputStream(out)) {
            deflate.write(stream, 0, b.position());
            deflate.write(new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});   // kind 9, time 0, length 0
        }
        return out.toByteArray();
    }
}
