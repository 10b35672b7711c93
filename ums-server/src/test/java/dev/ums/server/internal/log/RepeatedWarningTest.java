package dev.ums.server.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ums.testkit.time.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A flood of one warning writes a bounded number of lines and then one line counting the rest. */
class RepeatedWarningTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("repeated-warning-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final MovableClock clock = MovableClock.now();

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void tenThousandRefusalsWriteTwentyLinesAndThenOneCount() {
        RepeatedWarning warning = RepeatedWarning.perMinute(logger, clock, "refused device connections");
        for (int i = 0; i < 10_000; i++) {
            warning.warn("refused a device connection from {}: bad credential", "10.0.0." + (i % 250));
        }
        assertThat(lines.list).hasSize(20);
        assertThat(lines.list.get(0).getFormattedMessage())
                .isEqualTo("refused a device connection from 10.0.0.0: bad credential");

        clock.advance(Duration.ofMinutes(1));
        warning.warn("refused a device connection from {}: bad credential", "10.0.0.9");
        assertThat(lines.list).hasSize(22);
        assertThat(lines.list.get(20).getFormattedMessage())
                .isEqualTo("9980 more refused device connections were not logged in the last 60 s");
        assertThat(lines.list.get(21).getFormattedMessage())
                .isEqualTo("refused a device connection from 10.0.0.9: bad credential");
    }
}
