package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command lines that must be refused while they are read, in-process: one {@code error:} line and exit code 2, and
 * nothing made on disk. The server commands bind to an address that is not local (TEST-NET-3), so that a command
 * line wrongly accepted ends with a failure to listen rather than a server left running.
 */
class CommandLineRefusalsTest {
    private static final String NOT_LOCAL = "203.0.113.1";

    @TempDir
    Path dir;

    /** Runs {@code ums args}, expects exit code 2 and answers the one line it wrote to standard error. */
    private static String refusal(String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        int code = Ums.commandLine(args).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        assertThat(out.toString()).as("stdout").isEmpty();
        assertThat(List.of(err.toString().strip().split("\n"))).as("stderr").hasSize(1);
        assertThat(code).as("exit code; stderr %s", err).isEqualTo(2);
        return err.toString().strip();
    }

    private String[] server(String... more) {
        List<String> args = new ArrayList<>(List.of("server", "--bind", NOT_LOCAL, "--data",
                dir.resolve("server").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void anUnknownOptionIsOneLineSayingWhereTheOptionsAre() {
        assertThat(refusal("server", "--bogus"))
                .isEqualTo("error: Unknown option: '--bogus'; 'ums server --help' lists the options");
    }

    @Test
    void aMissingValueIsOneLine() {
        assertThat(refusal("icg", "--port"))
                .isEqualTo("error: Missing required parameter for option '--port' (PORT); 'ums icg --help' lists "
                        + "the options");
    }

    @Test
    void twoOptionsThatExcludeEachOtherAreOneLineSayingErrorOnce() {
        assertThat(refusal("agent", "--server", "https://ums:8443", "--icg", "https://gw:8443", "--fingerprint", "ab",
                "--name", "kiosk")).isEqualTo("error: --server=URL, --icg=URL are mutually exclusive (specify only one)");
    }

    @Test
    void aMisspeltOptionIsOneLineWithTheLikelyOne() {
        assertThat(refusal("snapshot", "--vnc", "127.0.0.1:1", "--out", "x.png", "--qualiti=3"))
                .startsWith("error: Unknown option: '--qualiti=3'").endsWith("did you mean --quality?");
    }

    @Test
    void aServerPortOutOfRangeIsRefusedBeforeTheDataDirectoryAndTheAdministratorAreMade() {
        assertThat(refusal(server("--port", "70000")))
                .isEqualTo("error: Invalid value for option '--port': '70000' is not a port number (0 to 65535)");
        assertThat(refusal(server("--port", "-1")))
                .isEqualTo("error: Invalid value for option '--port': '-1' is not a port number (0 to 65535)");
        assertThat(dir.resolve("server")).doesNotExist();
    }

    @Test
    void aLoadBalancerPortOutOfRangeIsNamedAsItself() {
        assertThat(refusal(server("--port", "0", "--proxy-port", "70000"))).isEqualTo(
                "error: Invalid value for option '--proxy-port': '70000' is not a port number (0 to 65535)");
        assertThat(dir.resolve("server")).doesNotExist();
    }

    @Test
    void aTunnelIdleLimitBelowOneMinuteIsRefused() {
        assertThat(refusal(server("--port", "0", "--tunnel-idle-minutes", "0"))).isEqualTo(
                "error: Invalid value for option '--tunnel-idle-minutes': '0' is not a whole number of 1 or more");
        assertThat(refusal(server("--port", "0", "--tunnel-idle-minutes", "-5"))).isEqualTo(
                "error: Invalid value for option '--tunnel-idle-minutes': '-5' is not a whole number of 1 or more");
        assertThat(dir.resolve("server")).doesNotExist();
    }

    @Test
    void noUnauthenticatedConnectionsPerAddressIsRefusedBeforeTheDataDirectoryIsMade() {
        assertThat(refusal(server("--port", "0", "--unauthenticated-per-address", "0"))).isEqualTo("error: Invalid "
                + "value for option '--unauthenticated-per-address': '0' is not a whole number of 1 or more");
        assertThat(dir.resolve("server")).doesNotExist();
    }

    @Test
    void aDatabaseUrlWithThePasswordIsRefusedWithoutRepeatingIt() {
        String expected = "error: Invalid value for option '--db-url': it holds a password, which every user of this "
                + "machine can read in the process list; give the URL without it and set UMS_DB_PASSWORD";
        assertThat(refusal(server("--port", "0", "--db-url",
                "jdbc:postgresql://127.0.0.1:1/ums?user=ums&password=hunter2"))).isEqualTo(expected);
        assertThat(refusal(server("--port", "0", "--db-url",
                "jdbc:h2:tcp://127.0.0.1:1/ums;USER=ums;PASSWORD=hunter2"))).isEqualTo(expected);
        assertThat(refusal(server("--port", "0", "--db-url", "jdbc:postgresql://ums:hunter2@127.0.0.1:1/ums")))
                .isEqualTo(expected);
        assertThat(dir.resolve("server")).doesNotExist();
    }

    @Test
    void aGatewayPortOutOfRangeIsRefused() {
        assertThat(refusal("icg", "--bind", NOT_LOCAL, "--port", "70000", "--data", dir.resolve("icg").toString()))
                .isEqualTo("error: Invalid value for option '--port': '70000' is not a port number (0 to 65535)");
        assertThat(dir.resolve("icg")).doesNotExist();
    }

    @Test
    void noUnauthenticatedConnectionsPerAddressIsRefusedBeforeTheGatewaysDataDirectoryIsMade() {
        assertThat(refusal("icg", "--bind", NOT_LOCAL, "--port", "0", "--unauthenticated-per-address", "0", "--data",
                dir.resolve("icg").toString())).isEqualTo("error: Invalid value for option "
                + "'--unauthenticated-per-address': '0' is not a whole number of 1 or more");
        assertThat(dir.resolve("icg")).doesNotExist();
    }

    @Test
    void aSnapshotTimeoutBelowOneSecondIsRefused() {
        assertThat(refusal("snapshot", "--vnc", "127.0.0.1:1", "--out", dir.resolve("x.png").toString(),
                "--timeout", "0"))
                .isEqualTo("error: Invalid value for option '--timeout': '0' is not a whole number of 1 or more");
    }
}
