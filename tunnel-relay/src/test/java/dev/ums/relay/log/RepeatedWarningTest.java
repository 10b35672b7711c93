package dev.ums.relay.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.log.CapturedLog;
import dev.ums.testkit.time.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flood of one warning writes a bounded number of lines and then one line counting the rest; a value a peer chose
 * is shortened and cannot break a line.
 */
class RepeatedWarningTest {
    @RegisterExtension
    final CapturedLog log = new CapturedLog("repeated-warning-test");
    private final MovableClock clock = MovableClock.now();

    @Test
    void tenThousandRefusalsWriteTwentyLinesAndThenOneCount() {
        RepeatedWarning warning = RepeatedWarning.perMinute(log.logger(), clock, "refused device connections");
        for (int i = 0; i < 10_000; i++) {
            warning.warn("refused a device connection from {}: bad credential", "10.0.0." + (i % 250));
        }
        assertThat(log.events()).hasSize(20);
        assertThat(log.events().get(0).getFormattedMessage())
                .isEqualTo("refused a device connection from 10.0.0.0: bad credential");

        clock.advance(Duration.ofMinutes(1));
        warning.warn("refused a device connection from {}: bad credential", "10.0.0.9");
        assertThat(log.events()).hasSize(22);
        assertThat(log.events().get(20).getFormattedMessage())
                .isEqualTo("9980 more refused device connections were not logged in the last 60 s");
        assertThat(log.events().get(21).getFormattedMessage())
                .isEqualTo("refused a device connection from 10.0.0.9: bad credential");
    }

    @Test
    void aPeersValueIsShortenedAndItsControlCharactersReplaced() {
        assertThat(RepeatedWarning.peerText("s".repeat(8000))).isEqualTo("s".repeat(64) + "…");
        assertThat(RepeatedWarning.peerText("7\r\nWARN forged line\u0000")).isEqualTo("7??WARN forged line?");
        assertThat(RepeatedWarning.peerText(null)).isEqualTo("(none)");
    }
}
