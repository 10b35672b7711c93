package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ums demo --headless} stopped with SIGTERM (as Ctrl+C) while it is still starting: its server has made its
 * database and key store in the demo's temporary directory, and the agents are enrolling. The process still deletes
 * the whole directory (the database, the server's, gateway's and devices' keys, the devices' credentials) and says
 * nothing on stderr. The demo gets a temporary directory of the test's own through {@code java.io.tmpdir}, so the
 * test sees exactly what the process leaves there.
 */
class DemoStoppedWhileStartingIT {
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void sigtermWhileTheDemoStartsLeavesNoTemporaryDirectoryBehind() throws Exception {
        Path tmp = Files.createDirectory(work.resolve("tmp"));
        try (UmsProcess demo = UmsProcess.start("demo", work, Map.of("JDK_JAVA_OPTIONS", "-Djava.io.tmpdir=" + tmp),
                "demo", "--headless")) {
            Path data = awaitDemoDirectoryWith(tmp, "server", demo);

            assertThat(demo.stop(Duration.ofSeconds(60))).as("exit code of SIGTERM after the hooks ran").isEqualTo(143);

            assertThat(demo.stdout()).as("stopped before its start was done, so it printed no devices")
                    .noneMatch(line -> line.startsWith("devices:"));
            assertThat(data).as("the demo's temporary directory").doesNotExist();
            assertThat(demoDirectories(tmp)).as("what the demo left in its temporary directory").isEmpty();
            assertThat(demo.stderr()).as("stderr").allMatch(line -> line.startsWith("NOTE: Picked up JDK_JAVA_OPTIONS"));
        }
    }

    /** Waits until the demo's directory in {@code tmp} holds {@code part}: the demo is then midway through its start. */
    private static Path awaitDemoDirectoryWith(Path tmp, String part, UmsProcess demo) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline && demo.isAlive()) {
            Optional<Path> data = demoDirectories(tmp).stream().filter(d -> Files.isDirectory(d.resolve(part)))
                    .findFirst();
            if (data.isPresent()) {
                return data.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no ums-demo-*/" + part + " in " + tmp + "; stdout " + demo.stdout() + ", stderr "
                + demo.stderr());
    }

    /** The demo directories in {@code tmp}. */
    static List<Path> demoDirectories(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("ums-demo-")).toList();
        }
    }
}
