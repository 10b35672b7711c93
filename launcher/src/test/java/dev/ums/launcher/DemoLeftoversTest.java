package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What {@code ums demo} removes of earlier demos' temporary directories when it starts, with real directories and
 * real processes: a {@code sleep 60} stands for a demo still running, a {@code sleep} that was stopped for one killed
 * with {@code kill -9}.
 */
class DemoLeftoversTest {
    @TempDir
    Path tmp;
    @TempDir
    Path elsewhere;

    private final List<Process> processes = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        ((Logger) LoggerFactory.getLogger(DemoLeftovers.class)).detachAppender(log);
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void directoriesOfEndedDemosAreRemovedAndThoseOfRunningDemosAndOthersKept() throws Exception {
        Process running = sleep();
        Process killed = sleep();
        Instant killedStart = killed.info().startInstant().orElseThrow();
        killed.destroyForcibly().waitFor();
        Instant runningStart = running.info().startInstant().orElseThrow();
        Path own = Files.createTempDirectory(tmp, DemoLeftovers.PREFIX);
        DemoLeftovers.mark(own);

        Path ofRunning = demoDirectory("running", running.pid(), runningStart);
        Path ofKilled = demoDirectory("killed", killed.pid(), killedStart);
        Path pidReused = demoDirectory("reused", running.pid(), runningStart.minus(Duration.ofDays(3)));
        Path unmarkedOld = aged(demoDirectory("unmarked-old", null, null));
        Path unmarkedYoung = demoDirectory("unmarked-young", null, null);
        Path unreadable = Files.createDirectory(tmp.resolve(DemoLeftovers.PREFIX + "unreadable"));
        Files.writeString(unreadable.resolve(DemoLeftovers.MARKER), "pid=not a number\n");
        Path otherName = Files.createDirectory(tmp.resolve("ums-other-killed"));
        mark(otherName, killed.pid(), killedStart);
        Path file = Files.writeString(tmp.resolve(DemoLeftovers.PREFIX + "file"), "not a directory");
        // a demo in a container sharing this directory, whose process id means nothing here
        Path otherNamespace = demoDirectory("other-namespace", killed.pid(), killedStart);
        Files.writeString(otherNamespace.resolve(DemoLeftovers.MARKER), "pidns=pid:[1]\n", StandardOpenOption.APPEND);

        // a link planted at a demo's name, to a directory that looks like an ended demo's: neither is touched
        Path victim = aged(Files.createDirectory(elsewhere.resolve("victim")));
        mark(victim, killed.pid(), killedStart);
        Files.writeString(victim.resolve("precious"), "keep");
        aged(victim);
        Path plantedLink = Files.createSymbolicLink(tmp.resolve(DemoLeftovers.PREFIX + "link"), victim);
        // a link inside an ended demo's directory is removed as a link, what it names stays
        Path outside = Files.createDirectory(elsewhere.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "keep");
        Files.createSymbolicLink(ofKilled.resolve("link"), outside);
        Files.createDirectories(ofKilled.resolve("server/keys"));
        Files.writeString(ofKilled.resolve("server/keys/server.p12"), "key store");

        FileTime unmarkedChanged = Files.getLastModifiedTime(unmarkedOld);
        captureLog();
        List<Path> removed = DemoLeftovers.sweepBeside(own);

        assertThat(removed).containsExactlyInAnyOrder(ofKilled, pidReused, unmarkedOld);
        for (Path gone : removed) {
            assertThat(Files.exists(gone, LinkOption.NOFOLLOW_LINKS)).as(gone.toString()).isFalse();
        }
        assertThat(List.of(own, ofRunning, unmarkedYoung, unreadable, otherName, file, otherNamespace, victim, outside))
                .allSatisfy(kept -> assertThat(kept).exists());
        assertThat(own.resolve(DemoLeftovers.MARKER)).exists();
        assertThat(plantedLink).isSymbolicLink();
        assertThat(victim.resolve("precious")).hasContent("keep");
        assertThat(victim.resolve(DemoLeftovers.MARKER)).exists();
        assertThat(outside.resolve("precious")).hasContent("keep");
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactlyInAnyOrder(
                "removed " + ofKilled + ", the temporary directory of a demo that ran as process " + killed.pid()
                        + ", which has ended",
                "removed " + pidReused + ", the temporary directory of a demo that ran as process " + running.pid()
                        + " started at " + runningStart.minus(Duration.ofDays(3)) + "; the process of that id now"
                        + " started at " + runningStart,
                "removed " + unmarkedOld + ", the temporary directory of a demo that wrote no marker and was last"
                        + " changed " + unmarkedChanged);
        assertThat(log.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.INFO);
    }

    /**
     * Another user's directory is never touched, also when its demo has ended. As root (CI) the directory is given
     * to uid 65534; as another user, who cannot give a directory away, the sweep is run for a uid that owns nothing.
     */
    @Test
    void anotherUsersDirectoryOfAnEndedDemoIsKept() throws Exception {
        Process killed = sleep();
        Instant killedStart = killed.info().startInstant().orElseThrow();
        killed.destroyForcibly().waitFor();
        Path own = Files.createTempDirectory(tmp, DemoLeftovers.PREFIX);
        DemoLeftovers.mark(own);
        Path ofKilled = aged(demoDirectory("killed", killed.pid(), killedStart));
        Path unmarkedOld = aged(demoDirectory("unmarked-old", null, null));
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
        Process killed = sleep();
        Instant killedStart = killed.info().startInstant().orElseThrow();
        killed.destroyForcibly().waitFor();
        Path systemTmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path ofKilled = Files.createDirectory(systemTmp.resolve(DemoLeftovers.PREFIX + "test-" + UUID.randomUUID()));
        try {
            mark(ofKilled, killed.pid(), killedStart);
            Files.createDirectory(ofKilled.resolve("server"));

            Path data;
            try (DemoCluster cluster = DemoCluster.create()) {
                data = cluster.dataDir();
                assertThat(ofKilled).doesNotExist();
                assertThat(Files.readString(data.resolve(DemoLeftovers.MARKER)))
                        .contains("pid=" + ProcessHandle.current().pid() + "\n",
                                "pidns=" + Files.readSymbolicLink(Path.of("/proc/self/ns/pid")) + "\n");
            }
            assertThat(data).doesNotExist();
        } finally {
            TempTree.delete(ofKilled);
        }
    }

    private Process sleep() throws IOException {
        Process process = new ProcessBuilder("sleep", "60").start();
        processes.add(process);
        return process;
    }

    /** A directory named as a demo's in {@link #tmp}, with a marker naming {@code pid} unless it is null. */
    private Path demoDirectory(String name, Long pid, Instant start) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(DemoLeftovers.PREFIX + name));
        Files.createDirectory(dir.resolve("icg"));
        if (pid != null) {
            mark(dir, pid, start);
        }
        return dir;
    }

    private static void mark(Path dir, long pid, Instant start) throws IOException {
        Files.writeString(dir.resolve(DemoLeftovers.MARKER), "pid=" + pid + "\nstart=" + start + "\n");
    }

    /** Sets {@code dir}'s time of last change two days back. */
    private static Path aged(Path dir) throws IOException {
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Files.setLastModifiedTime(dir, FileTime.from(twoDaysAgo));
        return dir;
    }

    private void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(DemoLeftovers.class)).addAppender(log);
    }
}
