package dev.ums.testkit.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a test reads of a log while the code under test goes on logging on its own threads. */
class CapturedLogTest {
    private static final int LINES = 20_000;

    @RegisterExtension
    final CapturedLog log = new CapturedLog("captured-log-test");

    @Test
    void readingWhileAnotherThreadLogsNeitherFailsNorMissesALine() throws Exception {
        Thread writer = new Thread(() -> {
            for (int i = 0; i < LINES; i++) {
                log.logger().info("line {}", i);
            }
        }, "logging-thread");
        int reads = 0;
        while (reads == 0 || writer.isAlive()) {
            List<ILoggingEvent> seen = log.events();
            if (reads == 0) {
                writer.start();    // after the first read, so that reading and logging overlap
            }
            int n = 0;
            for (ILoggingEvent event : seen) {
                assertThat(event.getFormattedMessage()).isEqualTo("line " + n);
                n++;
            }
            assertThat(n).as("what a copy holds does not change while it is read").isEqualTo(seen.size());
            reads++;
        }
        writer.join();

        assertThat(log.events()).hasSize(LINES);
    }
}
