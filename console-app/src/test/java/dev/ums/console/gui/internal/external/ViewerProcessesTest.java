package dev.ums.console.gui.internal.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** At quit, a viewer that stops when asked is let stop, and one that ignores the request is killed. */
class ViewerProcessesTest {
    private static Process viewer(String script) throws IOException {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        ViewerProcesses.add(p);
        return p;
    }

    @Test
    void everyViewerIsGoneWhenStopAllReturnsAlsoOneThatIgnoresTheRequest() throws Exception {
        Process polite = viewer("sleep 60");
        Process stubborn = viewer("trap '' TERM; echo ready; while :; do sleep 1; done");
        assertThat(new String(stubborn.getInputStream().readNBytes(6))).as("its trap is set").isEqualTo("ready\n");

        ViewerProcesses.stopAll(Duration.ofSeconds(3)); // as the console gives them, time for the polite one to end

        assertThat(polite.isAlive()).isFalse();
        assertThat(polite.exitValue()).as("ended by the polite signal").isEqualTo(143);
        assertThat(stubborn.isAlive()).isFalse();
        assertThat(stubborn.exitValue()).as("killed").isEqualTo(137);
    }
}
