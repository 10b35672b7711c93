package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What {@code ums demo} removes of earlier demos' temporary directories when it starts, with real directories and
 * real processes: a child JVM that marks a directory and keeps running stands for a demo still running, one killed
 * with SIGKILL for a demo killed with {@code kill -9}.
 */
class DemoLeftoversTest {
    @TempDir
    Path tmp;
    @TempDir
    Path elsewhere;

    private final List<Process> processes = new ArrayList<>();
    private final List<FileChannel> markers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(DemoLeftovers.class)).detachAppender(log);
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
        for (FileChannel marker : markers) {
            marker.close();
        }
    }

    @Test
    void directoriesOfEndedDemosAreRemovedAndThoseOfRunningDemosAndOthersKept() throws Exception {
        Path own = demoDirectory("own");
        markers.add(DemoLeftovers.mark(own));
        Path ofRunning = demoDirectory("running");
        markedByAnotherProcess(ofRunning);
        Path ofThisProcess = demoDirectory("this-process");
        markers.add(DemoLeftovers.mark(ofThisProcess));
        Path ofKilled = demoDirectory("killed");
        markedByAnotherProcess(ofKilled).destroyForcibly().waitFor();
        Path unmarkedOld = aged(demoDirectory("unmarked-old"));
        Path unmarkedChangedInside = aged(demoDirectory("unmarked-changed-inside"));
        Files.writeString(unmarkedChangedInside.resolve("icg/written-now"), "a demo of an older version at work");
        Path markerNotAFile = demoDirectory("marker-not-a-file");
        Files.createDirectory(markerNotAFile.resolve(DemoLeftovers.MARKER));
        Path othersMayWrite = demoDirectory("others-may-write");
        markedByAnotherProcess(othersMayWrite).destroyForcibly().waitFor();
        Files.setPosixFilePermissions(othersMayWrite, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path otherName = Files.createDirectory(tmp.resolve("ums-other-killed"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = Files.writeString(tmp.resolve(DemoLeftovers.PREFIX + "file"), "not a directory");

        // a link planted at a demo's name, to a directory that looks like an ended demo's: neither is touched
        Path victim = aged(Files.createDirectory(elsewhere.resolve("victim"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        Files.writeString(victim.resolve("precious"), "keep");
        aged(victim.resolve("precious"));
        aged(victim);
        Path plantedLink = Files.createSymbolicLink(tmp.resolve(DemoLeftovers.PREFIX + "link"), victim);
        // a link inside an ended demo's directory is removed as a link, what it names stays
        Path outside = Files.createDirectory(elsewhere.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "keep");
        Files.createSymbolicLink(ofKilled.resolve("link"), outside);
        Files.writeString(ofKilled.resolve("icg/gateway.p12"), "key store");

        Instant unmarkedChanged = newestChange(unmarkedOld);
        captureLog();
        List<Path> removed = DemoLeftovers.sweepBeside(own);

        assertThat(removed).containsExactlyInAnyOrder(ofKilled, unmarkedOld);
        for (Path gone : removed) {
            assertThat(Files.exists(gone, LinkOption.NOFOLLOW_LINKS)).as(gone.toString()).isFalse();
        }
        assertThat(List.of(own, ofRunning, ofThisProcess, unmarkedChangedInside, markerNotAFile, othersMayWrite,
                otherName, file, victim, outside)).allSatisfy(kept -> assertThat(kept).exists());
        assertThat(ofRunning.resolve(DemoLeftovers.MARKER)).isRegularFile();
        assertThat(lockSeenFromAnotherProcess(ofThisProcess)).as("this process's lock, after the sweep")
                .isEqualTo("held");
        assertThat(lockSeenFromAnotherProcess(ofRunning)).isEqualTo("held");
        assertThat(plantedLink).isSymbolicLink();
        assertThat(victim.resolve("precious")).hasContent("keep");
        assertThat(outside.resolve("precious")).hasContent("keep");
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactlyInAnyOrder(
                "removed " + ofKilled + ", the temporary directory of a demo that has ended",
                "removed " + unmarkedOld + ", the temporary directory of a demo that wrote no marker, and nothing in"
                        + " it has changed since " + unmarkedChanged);
        assertThat(log.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.INFO);
    }

    /**
     * Another user's directory is never touched, also when its demo has ended. As root (CI) the directory is given
     * to uid 65534; as another user, who cannot give a directory away, the sweep is run for a uid that owns nothing.
     */
    @Test
    void anotherUsersDirectoryOfAnEndedDemoIsKept() throws Exception {
        Path own = demoDirectory("own");
        markers.add(DemoLeftovers.mark(own));
        Path ofKilled = demoDirectory("killed");
        markedByAnotherProcess(ofKilled).destroyForcibly().waitFor();
        Path unmarkedOld = aged(demoDirectory("unmarked-old"));
        Object uid = Files.getAttribute(own, "unix:uid");

        if (uid.equals(0)) {
            for (Path dir : List.of(ofKilled, unmarkedOld)) {
                Files.setAttribute(dir, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
            }
            assertThat(DemoLeftovers.sweepBeside(own)).isEmpty();
        } else {
            assertThat(DemoLeftovers.sweepBeside(own, (Integer) uid + 1)).isEmpty();
        }

        assertThat(List.of(own, ofKilled, unmarkedOld)).allSatisfy(kept -> assertThat(kept).isDirectory());
        assertThat(ofKilled.resolve(DemoLeftovers.MARKER)).exists();
    }

    /** {@code ums demo} marks its directory and removes an ended demo's when it starts, in {@code java.io.tmpdir}. */
    @Test
    void theDemoMarksItsDirectoryAndRemovesAnEndedDemosOneWhenItIsMade() throws Exception {
        Path systemTmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path ofKilled = Files.createDirectory(systemTmp.resolve(DemoLeftovers.PREFIX + "test-" + UUID.randomUUID()),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            markedByAnotherProcess(ofKilled).destroyForcibly().waitFor();
            Files.createDirectory(ofKilled.resolve("server"));

            Path data;
            try (DemoCluster cluster = DemoCluster.create()) {
                data = cluster.dataDir();
                assertThat(ofKilled).doesNotExist();
                Path later = Files.createTempDirectory(systemTmp, DemoLeftovers.PREFIX);
                try (FileChannel laterMarker = DemoLeftovers.mark(later)) {
                    assertThat(DemoLeftovers.sweepBeside(later)).as("a later demo's sweep")
                            .doesNotContain(data, later);
                } finally {
                    TempTree.delete(later);
                }
                assertThat(data.resolve(DemoLeftovers.MARKER)).as("the running demo's, kept").isRegularFile();
                assertThat(lockSeenFromAnotherProcess(data)).as("the demo's lock, after two sweeps").isEqualTo("held");
                // last: closing any channel of the file, reading it too, lets go of this process's lock
                assertThat(Files.readString(data.resolve(DemoLeftovers.MARKER)))
                        .isEqualTo("the directory of ums demo, process " + ProcessHandle.current().pid() + "\n");
            }
            assertThat(data).doesNotExist();
        } finally {
            TempTree.delete(ofKilled);
        }
    }

    /** Marks {@code dir} from another JVM, which keeps running; answers that process once the marker is locked. */
    private Process markedByAnotherProcess(Path dir) throws IOException {
        Process process = java(MarkingDemo.class, dir);
        processes.add(process);
        assertThat(lastLine(process)).as("the other process's word that it holds the lock").isEqualTo("marked");
        return process;
    }

    /** Whether another process finds the marker of {@code dir} locked ("held") or can lock it ("free"). */
    private String lockSeenFromAnotherProcess(Path dir) throws Exception {
        Process process = java(MarkerProbe.class, dir);
        processes.add(process);
        String seen = lastLine(process);
        assertThat(process.waitFor()).isZero();
        return seen;
    }

    /** A child JVM running {@code main} on {@code dir}, logging into the test's folder; its errors are dropped. */
    private Process java(Class<?> main, Path dir) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dums.log.dir=" + elsewhere.resolve("logs"), "-cp", System.getProperty("java.class.path"),
                main.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The last line the process wrote before one of the words the children say ("marked", "held", "free"). */
    private static String lastLine(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (List.of("marked", "held", "free").contains(line)) {
                return line;
            }
        }
        return "nothing, the process ended";
    }

    /** A process that marks the directory its argument names as a demo does, and waits to be killed. */
    static final class MarkingDemo {
        public static void main(String[] args) throws Exception {
            FileChannel marker = DemoLeftovers.mark(Path.of(args[0]));
            System.out.println("marked");
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(5).toMillis());
            marker.close();
        }
    }

    /** A process that says whether the marker in the directory its argument names is locked by another. */
    static final class MarkerProbe {
        public static void main(String[] args) throws Exception {
            try (FileChannel marker = FileChannel.open(Path.of(args[0], DemoLeftovers.MARKER),
                    java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock lock = marker.tryLock()) {
                System.out.println(lock == null ? "held" : "free");
            }
        }
    }

    /** A directory named and made as a demo's ({@code rwx------}) in {@link #tmp}, with a folder in it. */
    private Path demoDirectory(String name) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(DemoLeftovers.PREFIX + name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectory(dir.resolve("icg"));
        return dir;
    }

    /** Sets the time of last change of {@code dir} and all in it two days back. */
    private static Path aged(Path dir) throws IOException {
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS));
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.toList()) {
                Files.setLastModifiedTime(path, twoDaysAgo);
            }
        }
        return dir;
    }

    private static Instant newestChange(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            return tree.map(p -> {
                try {
                    return Files.getLastModifiedTime(p).toInstant();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).max(Instant::compareTo).orElseThrow();
        }
    }

    private void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(DemoLeftovers.class)).addAppender(log);
    }
}
