package dev.ums.agent.internal.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The password command as bytes: with and without a line ending, and every way it can be garbage. */
class PasswordCommandTest {
    private static final String UUID = "464abcbd-1399-47d0-b011-eba2e67a72b0";

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aUuidWithoutLineEndIsComplete() throws IOException {
        assertThat(PasswordCommand.read(bytes("PROCYCMD PW_" + UUID))).isEqualTo(UUID);
    }

    @Test
    void aLineEndAfterAUuidStaysForTheRelayToSkip() throws IOException {
        InputStream in = bytes("PROCYCMD PW_" + UUID + "\r\nRFB");
        assertThat(PasswordCommand.read(in)).isEqualTo(UUID);
        assertThat(in.readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("\r\nRFB");
    }

    @Test
    void anyOtherPasswordEndsAtCrOrLf() throws IOException {
        assertThat(PasswordCommand.read(bytes("PROCYCMD PW_short\n"))).isEqualTo("short");
        InputStream in = bytes("PROCYCMD PW_short\r\n");
        assertThat(PasswordCommand.read(in)).isEqualTo("short");
        assertThat(in.readAllBytes()).containsExactly('\n');
        assertThat(PasswordCommand.read(bytes("PROCYCMD PW_\n"))).isEmpty();
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> PasswordCommand.read(bytes("GET / HTTP/1.1\r\n")))
                .hasMessage("the client did not start with PROCYCMD PW_");
        assertThatThrownBy(() -> PasswordCommand.read(bytes("procycmd pw_" + UUID)))
                .hasMessage("the client did not start with PROCYCMD PW_");
        assertThatThrownBy(() -> PasswordCommand.read(bytes("PROCYCMD PW_two words\n")))
                .hasMessage("the password command holds a byte that is not printable ASCII");
        assertThatThrownBy(() -> PasswordCommand.read(bytes("PROCYCMD PW_caf\u00e9\n")))
                .hasMessage("the password command holds a byte that is not printable ASCII");
    }

    @Test
    void theCommandIsBounded() {
        assertThatThrownBy(() -> PasswordCommand.read(bytes("PROCYCMD PW_" + "x".repeat(10_000))))
                .hasMessage("the password command is longer than 256 bytes");
    }

    @Test
    void anEarlyEndIsRefused() {
        assertThatThrownBy(() -> PasswordCommand.read(bytes("PROCY")))
                .hasMessage("the client closed before sending the password command");
        assertThatThrownBy(() -> PasswordCommand.read(bytes("PROCYCMD PW_464abcbd")))
                .hasMessage("the client closed in the middle of the password command");
    }
}
