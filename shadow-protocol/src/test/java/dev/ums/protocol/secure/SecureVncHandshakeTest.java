package dev.ums.protocol.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.protocol.secure.SecureVncHandshake.Failure;
import dev.ums.protocol.secure.SecureVncHandshake.SecureVncException;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.tunnel.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The secure-VNC client handshake against a real TLS listener playing the device: the password written only after
 * the pinned handshake, exactly {@code PROCYCMD PW_<password>}; the greeting put back in front of the stream; each
 * refusal typed and worded (another certificate, a close without a byte, something that is not RFB, nobody
 * listening).
 */
class SecureVncHandshakeTest {
    static final String PASSWORD = "464abcbd-1399-47d0-b011-eba2e67a72b0";
    SelfSignedIdentity device;
    SSLServerSocket listener;

    @BeforeEach
    void listen() throws Exception {
        device = SelfSignedIdentity.create("device");
        listener = (SSLServerSocket) device.serverContext().getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    /** Accepts one connection, reads what the client sent (the command), answers {@code answer} of it. */
    CompletableFuture<String> device(Function<String, byte[]> answer) {
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket s = (SSLSocket) listener.accept()) {
                s.startHandshake();
                InputStream in = s.getInputStream();
                byte[] command = in.readNBytes(SecureVncHandshake.COMMAND_PREFIX.length() + PASSWORD.length());
                String text = new String(command, StandardCharsets.US_ASCII);
                byte[] reply = answer.apply(text);
                if (reply != null && reply.length > 0) {
                    s.getOutputStream().write(reply);
                    s.getOutputStream().flush();
                    in.read();
                }
                return text;
            } catch (IOException e) {
                return "failed: " + e.getMessage();
            }
        });
    }

    Endpoint connect(java.security.cert.X509Certificate pinned) throws SecureVncException {
        int port = listener.getLocalPort();
        SSLSocket tls = SecureVncHandshake.startTls(SecureVncHandshake.connect("127.0.0.1", port, "127.0.0.1:" + port),
                "127.0.0.1", port, pinned, "the device at 127.0.0.1:" + port, "127.0.0.1:" + port);
        return SecureVncHandshake.sendPassword(tls, "the device at 127.0.0.1:" + port, PASSWORD);
    }

    @Test
    void thePasswordGoesOutAfterThePinnedHandshakeAndTheGreetingIsPutBack() throws Exception {
        CompletableFuture<String> seen = device(cmd -> "RFB 003.008\nmore".getBytes(StandardCharsets.US_ASCII));
        try (Endpoint link = connect(device.certificate())) {
            assertThat(new String(link.input().readNBytes(16), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\nmore");
        }
        assertThat(seen.get()).isEqualTo("PROCYCMD PW_" + PASSWORD);
    }

    @Test
    void anotherCertificateIsRefusedBeforeTheDeviceSeesAByte() throws Exception {
        CompletableFuture<String> seen = device(cmd -> null);
        SelfSignedIdentity stored = SelfSignedIdentity.create("the one the server holds");
        assertThatThrownBy(() -> connect(stored.certificate()))
                .isInstanceOfSatisfying(SecureVncException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.CERTIFICATE_MISMATCH);
                    assertThat(e.getMessage()).isEqualTo("the device's certificate does not match the one the server "
                            + "holds (127.0.0.1:" + listener.getLocalPort() + " presents " + device.fingerprint() + ")");
                });
        assertThat(seen.get()).doesNotContain(PASSWORD);
    }

    @Test
    void aCloseWithoutAByteIsARefusalAndAnythingButRfbIsSaidSo() throws Exception {
        device(cmd -> new byte[0]);
        assertThatThrownBy(() -> connect(device.certificate()))
                .isInstanceOfSatisfying(SecureVncException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).isEqualTo("the device refused the session password (or its user declined "
                            + "the session, or its VNC server is not running)");
                });
        device(cmd -> "HTTP/1.1 400 ".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> connect(device.certificate()))
                .isInstanceOfSatisfying(SecureVncException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NOT_RFB));
    }

    @Test
    void nobodyListeningIsUnreachable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        int closed = port;
        assertThatThrownBy(() -> SecureVncHandshake.connect("127.0.0.1", closed, "127.0.0.1:" + closed))
                .isInstanceOfSatisfying(SecureVncException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE);
                    assertThat(e.getMessage()).isEqualTo("cannot connect to the device at 127.0.0.1:" + closed
                            + " (connection refused)");
                });
    }
}
