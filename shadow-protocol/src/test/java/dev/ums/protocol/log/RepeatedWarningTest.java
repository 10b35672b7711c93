package dev.ums.protocol.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A flood of one warning writes a bounded number of lines and then one line counting the rest; a value a peer chose
 * is shortened and cannot break a line.
 */
class RepeatedWarningTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("repeated-warning-test");
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final MovingClock clock = new MovingClock();

    @BeforeEach
    void listen() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
        log.stop();
    }

    @Test
    void tenThousandRefusalsWriteTwentyLinesAndThenOneCount() {
        RepeatedWarning warning = RepeatedWarning.perMinute(logger, clock, "refused device connections");
        for (int i = 0; i < 10_000; i++) {
            warning.warn("refused a device connection from {}: bad credential", "10.0.0." + (i % 250));
        }
        assertThat(log.list).hasSize(20);
        assertThat(log.list.get(0).getFormattedMessage())
                .isEqualTo("refused a device connection from 10.0.0.0: bad credential");

        clock.advance(Duration.ofMinutes(1));
        warning.warn("refused a device connection from {}: bad credential", "10.0.0.9");
        assertThat(log.list).hasSize(22);
        assertThat(log.list.get(20).getFormattedMessage())
                .isEqualTo("9980 more refused device connections were not logged in the last 60 s");
        assertThat(log.list.get(21).getFormattedMessage())
                .isEqualTo("refused a device connection from 10.0.0.9: bad credential");
    }

    @Test
    void aPeersValueIsShortenedAndItsControlCharactersReplaced() {
        assertThat(RepeatedWarning.peerText("s".repeat(8000))).isEqualTo("s".repeat(64) + "…");
        assertThat(RepeatedWarning.peerText("7\r\nWARN forged line\u0000")).isEqualTo("7??WARN forged line?");
        assertThat(RepeatedWarning.peerText(null)).isEqualTo("(none)");
    }

    /** A clock the test moves on. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
