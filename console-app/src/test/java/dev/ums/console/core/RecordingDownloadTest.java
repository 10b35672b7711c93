package dev.ums.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ums.console.core.ImiException.Reason;
import dev.ums.console.gui.ImiFailureSentence;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImiClient#downloadRecording} against an HTTPS server played by the test ({@link ScriptedHttpsServer}) that
 * streams without end, declares more than the console takes, lies about its length or cuts the connection halfway.
 * Each ends in one sentence, a file the size of a recording the console takes at most, and the target as it was:
 * nothing beside it, nothing that looks like a whole recording. The limits are small here (1 MiB, a disk with
 * 256 KiB to spare) through {@code ImiClient}'s package-private factory; where the default client shows it, it is
 * used.
 */
class RecordingDownloadTest {
    private static final long LIMIT = 1 << 20;
    private static final RecordingDownload.FreeSpace ROOMY = directory -> Long.MAX_VALUE / 2;
    private static final byte[] BEFORE = "the file as it was".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private ScriptedHttpsServer server;
    private Path target;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedHttpsServer();
        target = Files.write(dir.resolve("7.umsrec"), BEFORE);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aWholeRecordingReplacesTheTargetAndNothingElseStays() throws Exception {
        byte[] recording = new byte[300 * 1024 + 7];
        new Random(7).nextBytes(recording);
        server.answer(out -> {
            head(out, "Content-Length: " + recording.length);
            out.write(recording);
        });

        roomyClient().downloadRecording(7, target);

        assertThat(Files.readAllBytes(target)).isEqualTo(recording);
        assertThat(onlyTheTargetIsLeft()).isTrue();
        assertThat(server.requests().get(0)).contains("Accept-Encoding: identity");
    }

    /** As the shadow log's Play makes its file: a temporary file only its owner reads, which the download keeps so. */
    @Test
    void theDownloadedRecordingStaysReadableByItsOwnerOnly() throws Exception {
        Path own = Files.createTempFile(dir, "ums-recording-", ".umsrec");
        server.answer(out -> {
            head(out, "Content-Length: 10");
            out.write("UMSREC1\nxy".getBytes(StandardCharsets.US_ASCII));
        });

        roomyClient().downloadRecording(7, own);

        assertThat(Files.readString(own)).isEqualTo("UMSREC1\nxy");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).isEqualTo("rw-------");
    }

    @Test
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeAByteIsWritten() {
        server.answer(out -> {
            head(out, "Content-Length: " + (LIMIT + 1));
            endless(out);
        });

        refused(() -> client(LIMIT, ROOMY).downloadRecording(7, target), Reason.RECORDING_TOO_LARGE,
                "the recording is larger than 1 MiB, the most the console downloads; an administrator of the "
                        + "server can copy its file from the server's recordings folder, and Console → Open "
                        + "recording… plays the copy");
        await().atMost(Duration.ofSeconds(30)).until(() -> server.answersEndedByPeer() == 1);
    }

    /** The default limit: a server declaring 5 GiB is refused at once, and says so. */
    @Test
    void theDefaultClientRefusesARecordingDeclaredLargerThanFourGiB() {
        server.answer(out -> {
            head(out, "Content-Length: " + (5L << 30));
            out.write(new byte[64 << 10]);
        });

        refused(() -> defaultClient().downloadRecording(7, target), Reason.RECORDING_TOO_LARGE,
                "the recording is larger than 4 GiB, the most the console downloads; an administrator of the "
                        + "server can copy its file from the server's recordings folder, and Console → Open "
                        + "recording… plays the copy");
    }

    @Test
    void anEndlessChunkedAnswerStopsAtTheLimitAndTheConnectionIsClosed() {
        server.answer(out -> {
            head(out, "Transfer-Encoding: chunked");
            byte[] block = new byte[16 << 10];
            while (true) {
                chunk(out, block);
            }
        });

        refused(() -> client(LIMIT, ROOMY).downloadRecording(7, target), Reason.RECORDING_TOO_LARGE,
                "the recording is larger than 1 MiB, the most the console downloads; an administrator of the "
                        + "server can copy its file from the server's recordings folder, and Console → Open "
                        + "recording… plays the copy");
        await().atMost(Duration.ofSeconds(30)).until(() -> server.answersEndedByPeer() == 1);
    }

    /** Without a length or chunks, the answer's end is the connection's: a cut one would look whole. */
    @Test
    void anAnswerWithoutALengthIsRefusedEvenWhenItEnds() {
        server.answer(out -> {
            head(out, "Connection: close");
            out.write(new byte[64 << 10]);
        });

        refused(() -> defaultClient().downloadRecording(7, target), Reason.RECORDING_WITHOUT_LENGTH,
                "the server at " + server.address() + " sent the recording without its length, so a cut download "
                        + "could not be told from a whole one; nothing was kept");
    }

    @Test
    void anEndlessAnswerWithoutALengthIsRefusedAndTheConnectionIsClosed() {
        server.answer(out -> {
            head(out, "Connection: close");
            endless(out);
        });

        refused(() -> client(LIMIT, ROOMY).downloadRecording(7, target), Reason.RECORDING_WITHOUT_LENGTH,
                "the server at " + server.address() + " sent the recording without its length, so a cut download "
                        + "could not be told from a whole one; nothing was kept");
        await().atMost(Duration.ofSeconds(30)).until(() -> server.answersEndedByPeer() == 1);
    }

    /** A length beside chunks: the chunks carry more than the length says, without end. */
    @Test
    void chunksBeyondTheDeclaredLengthStopTheDownload() {
        server.answer(out -> {
            head(out, "Content-Length: 100", "Transfer-Encoding: chunked");
            byte[] block = new byte[16 << 10];
            while (true) {
                chunk(out, block);
            }
        });

        refused(() -> client(LIMIT, ROOMY).downloadRecording(7, target), Reason.RECORDING_LENGTH_MISMATCH,
                "the server at " + server.address() + " sent the recording with another length than it declared "
                        + "(100 bytes declared, more sent); nothing was kept");
    }

    @Test
    void chunksEndingShortOfTheDeclaredLengthAreNotKept() {
        server.answer(out -> {
            head(out, "Content-Length: 100", "Transfer-Encoding: chunked");
            chunk(out, new byte[50]);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });

        refused(() -> roomyClient().downloadRecording(7, target), Reason.RECORDING_LENGTH_MISMATCH,
                "the server at " + server.address() + " sent the recording with another length than it declared "
                        + "(100 bytes declared, 50 sent); nothing was kept");
    }

    /** What a server sends past its {@code Content-Length} is not the answer's: the file holds what it declared. */
    @Test
    void bytesPastTheDeclaredLengthAreNeverWritten() throws Exception {
        server.answer(out -> {
            head(out, "Content-Length: 1024");
            endless(out);
        });

        client(LIMIT, ROOMY).downloadRecording(7, target);

        assertThat(Files.size(target)).isEqualTo(1024);
        assertThat(onlyTheTargetIsLeft()).isTrue();
    }

    @Test
    void aConnectionCutHalfwayLeavesTheTargetAsItWasAndNoPartialFile() {
        server.answer(out -> {
            head(out, "Content-Length: " + (1 << 20));
            out.write(new byte[300 << 10]);
        });

        refused(() -> roomyClient().downloadRecording(7, target), Reason.RECORDING_CUT_OFF,
                "the download of the recording from " + server.address() + " broke off after 300 KiB of 1 MiB "
                        + "(unexpected end of stream); nothing was kept, try again");
    }

    @Test
    void chunksCutHalfwayLeaveTheTargetAsItWasAndNoPartialFile() {
        server.answer(out -> {
            head(out, "Transfer-Encoding: chunked");
            chunk(out, new byte[300 << 10]);
        });

        assertThat(refused(() -> roomyClient().downloadRecording(7, target), Reason.RECORDING_CUT_OFF, null))
                .startsWith("the download of the recording from " + server.address() + " broke off after 300 KiB (");
    }

    @Test
    void aDeclaredLengthTheDiskCannotSpareIsRefusedBeforeAByteIsWritten() {
        server.answer(out -> {
            head(out, "Content-Length: " + (512 << 10));
            out.write(new byte[512 << 10]);
        });

        refused(() -> client(LIMIT, smallDisk()).downloadRecording(7, target), Reason.NOT_ENOUGH_DISK_SPACE,
                "there is not enough free disk space in " + dir + " for the recording (the console leaves 1 GiB "
                        + "free); free some space and try again");
    }

    @Test
    void anEndlessAnswerStopsWhereTheDiskWouldKeepLessThanItsMargin() {
        server.answer(out -> {
            head(out, "Transfer-Encoding: chunked");
            byte[] block = new byte[16 << 10];
            while (true) {
                chunk(out, block);
            }
        });

        refused(() -> client(LIMIT, smallDisk()).downloadRecording(7, target), Reason.NOT_ENOUGH_DISK_SPACE,
                "there is not enough free disk space in " + dir + " for the recording (the console leaves 1 GiB "
                        + "free); free some space and try again");
        await().atMost(Duration.ofSeconds(30)).until(() -> server.answersEndedByPeer() == 1);
    }

    /** The disk's failure is the disk's, not the connection's. */
    @Test
    void aFolderThatCannotTakeTheFileIsToldAsSuch() {
        server.answer(out -> {
            head(out, "Content-Length: 10");
            out.write(new byte[10]);
        });
        Path missing = dir.resolve("missing");

        refused(() -> defaultClient().downloadRecording(7, missing.resolve("7.umsrec")),
                Reason.RECORDING_NOT_WRITTEN, "the recording could not be written to " + missing + ": no such folder");
    }

    private ImiClient defaultClient() {
        return ImiClient.create(server.address(), server.fingerprint());
    }

    /** The limit users get, on a disk with room to spare whatever the machine's own disk has. */
    private ImiClient roomyClient() {
        return client(ImiClient.MAX_RECORDING_BYTES, ROOMY);
    }

    private ImiClient client(long limit, RecordingDownload.FreeSpace freeSpace) {
        return ImiClient.create(server.address(), server.fingerprint(), limit, freeSpace);
    }

    /** A disk with 256 KiB free above the margin the console keeps. */
    private static RecordingDownload.FreeSpace smallDisk() {
        return directory -> ImiClient.KEEP_FREE_BYTES + (256 << 10);
    }

    /**
     * Runs {@code download}, expects it to fail for {@code reason} with {@code sentence} (when not null), and the
     * target folder to hold the target as it was and nothing else; returns the sentence.
     */
    private String refused(ThrowingCallable download, Reason reason, String sentence) {
        String[] told = new String[1];
        assertThatThrownBy(download).isInstanceOfSatisfying(ImiException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            told[0] = ImiFailureSentence.of(e);
        });
        if (sentence != null) {
            assertThat(told[0]).isEqualTo(sentence);
        }
        try {
            assertThat(Files.readAllBytes(target)).isEqualTo(BEFORE);
            assertThat(onlyTheTargetIsLeft()).isTrue();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return told[0];
    }

    private boolean onlyTheTargetIsLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList().equals(List.of(target));
        }
    }

    private static void head(OutputStream out, String... headers) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes until the peer stops reading. */
    private static void endless(OutputStream out) throws IOException {
        byte[] block = new byte[16 << 10];
        while (true) {
            out.write(block);
        }
    }
}
