package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.core.ImiException;
import dev.ums.console.core.ImiException.Reason;
import dev.ums.console.core.ServerAddress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a failed subcommand prints: one {@code error:} line, the console's failures in the user's words. */
class UserErrorHandlerTest {
    private final StringWriter err = new StringWriter();
    private final CommandLine command = Ums.commandLine().setErr(new PrintWriter(err, true));

    private String handled(Exception failure) {
        assertThat(new UserErrorHandler().handleExecutionException(failure, command, null)).isEqualTo(1);
        return err.toString().strip();
    }

    @Test
    void aFailureWithTheServerIsToldInTheUsersSentence() {
        ImiException failure = ImiException.atServer(Reason.NOT_LOGGED_IN, new ServerAddress("ums.example", 8443),
                401, null, null);

        assertThat(handled(failure)).isEqualTo("error: not logged in to ums.example:8443, or the login expired");
    }

    @Test
    void anyOtherFailureIsToldInItsMessage() {
        assertThat(handled(new IllegalArgumentException("--accept-timeout must be at least 1 second, got 0")))
                .isEqualTo("error: --accept-timeout must be at least 1 second, got 0");
    }

    @Test
    void aFileTheCommandCannotUseIsNamedWithTheReasonNotJustItsPath() {
        assertThat(handled(new AccessDeniedException("/root/x"))).isEqualTo("error: cannot access /root/x: permission denied");
    }

    @Test
    void aFileFailureWrappedAsUncheckedIsToldTheSameWay() {
        assertThat(handled(new UncheckedIOException(new NoSuchFileException("/srv/ums/identity.properties"))))
                .isEqualTo("error: cannot access /srv/ums/identity.properties: no such file or directory");
    }
}
