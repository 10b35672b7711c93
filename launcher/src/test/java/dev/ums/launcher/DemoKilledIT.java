package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ums demo --headless} killed with SIGKILL cannot delete its temporary directory; the next demo of the user
 * does when it starts, and leaves that of a demo still running alone. The demos get a temporary directory of the
 * test's own through {@code java.io.tmpdir}.
 */
class DemoKilledIT {
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void theNextDemoRemovesTheDirectoryOfAKilledDemoAndKeepsThatOfARunningOne() throws Exception {
        Path tmp = Files.createDirectory(work.resolve("tmp"));
        Map<String, String> env = Map.of("JDK_JAVA_OPTIONS", "-Djava.io.tmpdir=" + tmp);
        try (UmsProcess killed = UmsProcess.start("demo-killed", work, env, "demo", "--headless")) {
            Path killedData = dataDirectory(killed);
            // one after the other: demos starting at once would both take the free port 5900 for legacy-1
            try (UmsProcess running = UmsProcess.start("demo-running", work, env, "demo", "--headless")) {
                Path runningData = dataDirectory(running);
                assertThat(killedData).as("the first demo's directory, once the second one started").isDirectory();

                killed.close(); // SIGKILL: no shutdown hook runs
                assertThat(killed.awaitExit(LIMIT)).isEqualTo(137);
                assertThat(killedData).as("left by the killed demo").isDirectory();

                try (UmsProcess next = UmsProcess.start("demo-next", work, env, "demo", "--headless")) {
                    Path nextData = dataDirectory(next);

                    assertThat(killedData).as("the killed demo's directory, once the next one started").doesNotExist();
                    assertThat(runningData).as("the running demo's directory").isDirectory();
                    assertThat(DemoStoppedWhileStartingIT.demoDirectories(tmp))
                            .containsExactlyInAnyOrder(runningData, nextData);
                    assertThat(next.stop(LIMIT)).isEqualTo(143);
                }
                assertThat(running.stop(LIMIT)).isEqualTo(143);
            }
        }
        assertThat(DemoStoppedWhileStartingIT.demoDirectories(tmp)).isEmpty();
    }

    /** Waits until the demo is ready and answers its directory, from its {@code data:} line. */
    private static Path dataDirectory(UmsProcess demo) throws InterruptedException {
        demo.awaitLine("devices:", LIMIT);
        String data = demo.awaitLine("data:", LIMIT);
        return Path.of(data.substring(0, data.indexOf(" (removed at exit)")));
    }
}
