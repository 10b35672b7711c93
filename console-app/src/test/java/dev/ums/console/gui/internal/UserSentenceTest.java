package dev.ums.console.gui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.log.CapturedLog;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A failure becomes one sentence; one of a kind no sentence expects is logged whole where the sentence points. */
class UserSentenceTest {
    @RegisterExtension
    final CapturedLog log = new CapturedLog(UserSentence.class);

    @Test
    void anExpectedFailureIsItsMessageAsASentenceAndNotLogged() {
        assertThat(UserSentence.of(new IOException("the device at 10.0.0.7:5900 refused the connection")))
                .isEqualTo("The device at 10.0.0.7:5900 refused the connection.");
        assertThat(log.events()).isEmpty();
    }

    @Test
    void anUnexpectedFailureNamesOnlyItsKindAndIsLoggedWithItsStackTrace() {
        String sentence = UserSentence.of(new IllegalStateException("internal detail: row 7 of table x"));

        assertThat(sentence).isEqualTo("Unexpected error (IllegalStateException); details are in the console's log file.");
        assertThat(log.events()).singleElement().satisfies(e -> {
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("internal detail: row 7 of table x");
            assertThat(e.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
        });
    }
}
