package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.rfb.ImplausibleLengthException;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReaderFailureTest {
    @Test
    void theServersOwnFailureStaysAsItIs() {
        VncProtocolException refused = new VncProtocolException("The server refused the password.");
        assertThat(ReaderFailure.of(refused)).isSameAs(refused);
    }

    @Test
    void eachOtherFailureBecomesOneSentenceWithItsCause() {
        EOFException eof = new EOFException();
        assertThat(ReaderFailure.of(eof)).isInstanceOf(VncServerClosedException.class).hasCause(eof);

        assertThat(ReaderFailure.of(new ImplausibleLengthException("cut text", 5_000_000_000L, 1 << 20)))
                .hasMessage("The server sent an implausible cut text length (5000000000 bytes).");

        SocketException reset = new SocketException("Connection reset");
        assertThat(ReaderFailure.of(reset)).hasMessage("The connection to the VNC server failed (Connection reset).")
                .hasCause(reset);
        assertThat(ReaderFailure.of(new IOException())).hasMessage("The connection to the VNC server failed (IOException).");

        assertThat(ReaderFailure.of(new ArrayIndexOutOfBoundsException(7)))
                .hasMessage("The VNC session failed on unexpected data from the server.");
        assertThat(ReaderFailure.of(new OutOfMemoryError("Java heap space")))
                .hasMessage("The VNC session failed on unexpected data from the server.");
        assertThat(ReaderFailure.of(new NoClassDefFoundError("dev/ums/viewer/internal/encoding/TightDecoder")))
                .hasMessage("The viewer is incomplete: a part it needs is missing "
                        + "(dev/ums/viewer/internal/encoding/TightDecoder).");
    }

    @Test
    void aHandshakeTimeoutNamesTheLimitInItsUnit() {
        assertThat(ReaderFailure.handshakeTimedOut(Duration.ofMillis(300)))
                .hasMessage("The VNC server did not complete the connection within 300 ms.");
        assertThat(ReaderFailure.handshakeTimedOut(Duration.ofSeconds(15)))
                .hasMessage("The VNC server did not complete the connection within 15 s.");
    }
}
