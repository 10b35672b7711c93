package dev.ums.server.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.recording.Direction;
import dev.ums.recording.RecordedChunk;
import dev.ums.recording.RecordingReader;
import dev.ums.testkit.log.CapturedLog;
import dev.ums.testkit.time.MovableClock;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder of one session, with its real writer thread and file: what the relay hands it lands in the file in
 * order with the header; a writer that falls behind (held back here until the test lets it go) stops the recording
 * and ends the session with a sentence, while the relay's calls return at once: the file keeps what came before, its
 * end record says it is incomplete, and one warning is logged; a file that cannot be written ends the session too.
 */
class SessionRecorderTest {
    @RegisterExtension
    final CapturedLog log = new CapturedLog(SessionRecorder.class);
    private final MovableClock clock = MovableClock.now();
    private final List<String> created = new CopyOnWriteArrayList<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final List<String> sessionEnds = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private SessionRecorder recorder(ThreadFactory threads) {
        return recorder(dir.resolve("s-1.umsrec"), threads);
    }

    /** A recorder on a disk with room enough, whatever the machine's disk has free. */
    private SessionRecorder recorder(Path file, ThreadFactory threads) {
        return recorder(file, new RecordingRoom(directory -> Long.MAX_VALUE / 4, RecordingRoom.KEEP_FREE_BYTES),
                threads);
    }

    private SessionRecorder recorder(Path file, RecordingRoom room, ThreadFactory threads) {
        return new SessionRecorder(file, clock,
                new SessionRecorder.HeaderTemplate("s-1", "7", "pos-7", "admin", true, "direct"),
                new SessionRecorder.Events() {
                    @Override
                    public void created(String fileName) {
                        created.add(fileName);
                    }

                    @Override
                    public void finished(SessionRecorder r) {
                        finished.set(true);
                    }
                }, sessionEnds::add, room, threads);
    }

    @Test
    void bothDirectionsLandInTheFileInOrderWithTheHeaderAndTheEnd() throws Exception {
        SessionRecorder r = recorder(Thread::new);
        r.bytes(TunnelSide.DEVICE, ascii("RFB 003.008\n"));
        r.bytes(TunnelSide.CONSOLE, ascii("RFB 003.008\n"));
        ByteBuffer pointer = ByteBuffer.wrap(new byte[] {9, 9, 5, 0, 0, 10, 0, 20});
        pointer.position(2);                                   // the tap reads from the frame's position
        r.bytes(TunnelSide.CONSOLE, pointer);
        assertThat(pointer.position()).as("the frame is left as it was for the send").isEqualTo(2);
        r.ended("the console closed the session");
        await().atMost(Duration.ofSeconds(10)).untilTrue(finished);

        assertThat(created).containsExactly("s-1.umsrec");
        Path file = dir.resolve("s-1.umsrec");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (RecordingReader reader = RecordingReader.open(file)) {
            assertThat(reader.header().sessionId()).isEqualTo("s-1");
            assertThat(reader.header().deviceName()).isEqualTo("pos-7");
            assertThat(reader.header().user()).isEqualTo("admin");
            assertThat(reader.header().viewOnly()).isTrue();
            assertThat(reader.header().startedAt()).isEqualTo(clock.instant());
            List<RecordedChunk> chunks = all(reader);
            assertThat(chunks).extracting(RecordedChunk::direction)
                    .containsExactly(Direction.FROM_DEVICE, Direction.FROM_CONSOLE, Direction.FROM_CONSOLE);
            assertThat(chunks.get(0).bytes()).asString(StandardCharsets.US_ASCII).isEqualTo("RFB 003.008\n");
            assertThat(chunks.get(2).bytes()).containsExactly(5, 0, 0, 10, 0, 20);
            assertThat(chunks).extracting(RecordedChunk::atMicros).isSorted();
            assertThat(reader.complete()).isTrue();
            assertThat(reader.endReason()).isEqualTo("the console closed the session");
        }
        assertThat(log.events()).isEmpty();
        assertThat(sessionEnds).as("a recording that kept up leaves the session alone").isEmpty();
    }

    @Test
    void aWriterThatFallsBehindStopsTheRecordingAndEndsTheSession() throws Exception {
        CountDownLatch letGo = new CountDownLatch(1);
        SessionRecorder r = recorder(task -> new Thread(() -> {
            if (Thread.currentThread().getName().startsWith("ums-recorder-")) {
                try {
                    letGo.await();
                } catch (InterruptedException e) {
                    return;
                }
            }
            task.run();
        }, "test-thread"));
        byte[] frame = new byte[64 * 1024];
        int fits = SessionRecorder.MAX_QUEUED_BYTES / frame.length;
        for (int i = 0; i < fits; i++) {
            frame[0] = (byte) i;
            r.bytes(TunnelSide.DEVICE, ByteBuffer.wrap(frame));
        }
        assertThat(r.overflowed()).isFalse();
        // the session goes on: these calls return although the writer has not written a byte
        for (int i = 0; i < 100; i++) {
            r.bytes(TunnelSide.DEVICE, ByteBuffer.wrap(frame));
            r.bytes(TunnelSide.CONSOLE, ascii("input"));
        }
        assertThat(r.overflowed()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !sessionEnds.isEmpty());
        assertThat(sessionEnds).containsExactly(SessionRecorder.FELL_BEHIND);
        letGo.countDown();
        r.ended(SessionRecorder.FELL_BEHIND);
        await().atMost(Duration.ofSeconds(20)).untilTrue(finished);

        try (RecordingReader reader = RecordingReader.open(dir.resolve("s-1.umsrec"))) {
            List<RecordedChunk> chunks = all(reader);
            assertThat(chunks).hasSize(fits);
            for (int i = 0; i < fits; i++) {
                assertThat(chunks.get(i).bytes()[0]).isEqualTo((byte) i);
            }
            assertThat(reader.complete()).isTrue();
            assertThat(reader.endReason()).startsWith("incomplete: the recording fell behind the session")
                    .endsWith("(" + SessionRecorder.FELL_BEHIND + ")");
        }
        assertThat(log.events()).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("fell behind"));
    }

    @Test
    void aRecordingThatCannotBeWrittenEndsTheSession() throws Exception {
        SessionRecorder r = recorder(dir.resolve("gone").resolve("s-1.umsrec"), Thread::new);
        r.bytes(TunnelSide.DEVICE, ascii("RFB 003.008\n"));
        await().atMost(Duration.ofSeconds(10)).untilTrue(finished);
        assertThat(sessionEnds).containsExactly(SessionRecorder.FAILED);
        assertThat(log.events()).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("failed and stopped"));
    }

    /**
     * A device sending what does not compress (noise) as fast as its link carries it must not fill the disk the
     * server's database and log live on: the recording stops while the disk keeps its room free, ends with a record
     * saying so, and the session is ended.
     */
    @Test
    void aRecordingThatWouldFillTheDiskStopsWithAnEndRecordAndEndsTheSession() throws Exception {
        AtomicLong free = new AtomicLong(1L << 40);
        SessionRecorder r = recorder(dir.resolve("s-1.umsrec"), new RecordingRoom(directory -> free.get(), 1L << 30),
                Thread::new);
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        r.bytes(TunnelSide.DEVICE, ByteBuffer.wrap(noise));
        await().atMost(Duration.ofSeconds(10)).until(() -> !created.isEmpty());
        free.set((1L << 30) + SessionRecorder.ROOM_CHECK_BYTES / 2);   // the disk filled up meanwhile
        for (int i = 0; i < SessionRecorder.ROOM_CHECK_BYTES / noise.length + 8 && !finished.get(); i++) {
            r.bytes(TunnelSide.DEVICE, ByteBuffer.wrap(noise));
            Thread.sleep(1);                                           // a link's pace: the writer keeps up
        }
        await().atMost(Duration.ofSeconds(10)).untilTrue(finished);
        assertThat(sessionEnds).containsExactly(SessionRecorder.NO_ROOM);
        try (RecordingReader reader = RecordingReader.open(dir.resolve("s-1.umsrec"))) {
            List<RecordedChunk> chunks = all(reader);
            assertThat((long) chunks.size() * noise.length).as("bytes recorded before the check stopped it")
                    .isBetween(SessionRecorder.ROOM_CHECK_BYTES, SessionRecorder.ROOM_CHECK_BYTES + noise.length);
            assertThat(reader.complete()).isTrue();
            assertThat(reader.endReason()).startsWith("incomplete: the server's disk was nearly full at ");
        }
    }

    @Test
    void aDiskWithoutRoomGetsNoFileAndTheSessionIsEnded() throws Exception {
        SessionRecorder r = recorder(dir.resolve("s-1.umsrec"), new RecordingRoom(RecordingRoom.DISK.freeSpace(),
                Long.MAX_VALUE / 2), Thread::new);
        r.bytes(TunnelSide.DEVICE, ascii("RFB 003.008\n"));
        await().atMost(Duration.ofSeconds(10)).untilTrue(finished);
        assertThat(sessionEnds).containsExactly(SessionRecorder.NO_ROOM);
        assertThat(created).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aSessionThatCarriedNoBytesLeavesNoFile() throws Exception {
        SessionRecorder r = recorder(Thread::new);
        r.ended("the device declined");
        assertThat(finished).isTrue();
        assertThat(created).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static List<RecordedChunk> all(RecordingReader reader) throws Exception {
        List<RecordedChunk> out = new ArrayList<>();
        for (Optional<RecordedChunk> c = reader.next(); c.isPresent(); c = reader.next()) {
            out.add(c.get());
        }
        return out;
    }
}
