package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Address parsing, password files and the snapshot used by {@code ums snapshot}. */
class ToolsTest {
    @TempDir
    Path dir;

    @Test
    void addresses() {
        assertThat(VncAddress.parse("host:5901")).isEqualTo(new VncAddress("host", 5901));
        assertThat(VncAddress.parse("host")).isEqualTo(new VncAddress("host", 5900));
        assertThat(VncAddress.parse("[::1]:5902")).isEqualTo(new VncAddress("::1", 5902));
        assertThatThrownBy(() -> VncAddress.parse("host:99999")).hasMessageContaining("not a valid port");
        assertThatThrownBy(() -> VncAddress.parse(":1")).hasMessageContaining("no host");
    }

    @Test
    void passwordFromTextAndFromVncpasswdFile() throws Exception {
        Path text = dir.resolve("pw.txt");
        Files.writeString(text, "open sesame\nignored\n");
        assertThat(VncPasswordFile.read(text)).isEqualTo("open sesame".toCharArray());

        Process p = new ProcessBuilder("vncpasswd", "-f").start();
        p.getOutputStream().write("s3cret\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        Path binary = dir.resolve("passwd");
        Files.write(binary, p.getInputStream().readAllBytes());
        p.waitFor();
        assertThat(Files.size(binary)).isEqualTo(8);
        assertThat(VncPasswordFile.read(binary)).isEqualTo("s3cret".toCharArray());

        assertThatThrownBy(() -> VncPasswordFile.read(dir.resolve("missing")))
                .hasMessage("The password file " + dir.resolve("missing") + " does not exist.");
        assertThatThrownBy(() -> VncPasswordFile.read(dir))
                .hasMessage("Cannot read the password file " + dir + ": is a directory.");
    }

    /** A name that holds far more than a password (a large file, /dev/zero) is refused after a few KiB read. */
    @Test
    void aPasswordFileIsReadOnlyUpToItsBound() throws Exception {
        Path full = Files.writeString(dir.resolve("full.txt"), "pw\n" + "x".repeat(VncPasswordFile.MAX_BYTES - 3));
        assertThat(VncPasswordFile.read(full)).isEqualTo("pw".toCharArray());
        Path large = Files.writeString(dir.resolve("large.txt"), "pw\n" + "x".repeat(VncPasswordFile.MAX_BYTES));
        assertThatThrownBy(() -> VncPasswordFile.read(large)).hasMessage("The password file " + large
                + " is larger than 4 KiB; it should hold only the password, on its first line.");
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> VncPasswordFile.read(zero)).hasMessageContaining("is larger than 4 KiB"));
    }

    @Test
    void snapshotOfARealServer() throws Exception {
        try (XvncServer xvnc = XvncServer.startWithPassword(160, 120, "pw")) {
            VncSettings settings = VncSettings.builder().encodings(Encoding.HEXTILE).password("pw".toCharArray()).build();
            BufferedImage image = VncSnapshot.capture(new VncAddress(xvnc.host(), xvnc.port()), settings, Duration.ofSeconds(10));
            int[] rgb = image.getRGB(0, 0, 160, 120, null, 0, 160);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] &= 0xffffff;
            }
            assertThat(RealXvncTest.differingPixels(rgb, xvnc.screenPixels(), 0)).isZero();
        }
    }

    @Test
    void snapshotOfAClosedPortSaysSo() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> VncSnapshot.capture(new VncAddress("127.0.0.1", port), VncSettings.defaults(),
                Duration.ofSeconds(2))).hasMessageStartingWith("Cannot connect to the VNC server at 127.0.0.1:" + port);
    }

    @Test
    void snapshotOfAHostThatDoesNotResolveSaysSo() {
        assertThatThrownBy(() -> VncSnapshot.capture(new VncAddress("no-such-host.invalid", 5900),
                VncSettings.defaults(), Duration.ofSeconds(2)))
                .hasMessage("Cannot connect to the VNC server at no-such-host.invalid:5900: no such host is known.");
    }

    @Test
    void connectingIsLoggedBeforeTheConnectionOpens() throws Exception {
        // The first log line starts the logging system; it must not keep an open connection waiting.
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            server.configureBlocking(false);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            List<Boolean> connectedWhenLogged = new ArrayList<>();
            AppenderBase<ILoggingEvent> probe = new AppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    try (SocketChannel early = server.accept()) {
                        connectedWhenLogged.add(early != null);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            Logger log = (Logger) LoggerFactory.getLogger(VncSnapshot.class);
            probe.start();
            log.addAppender(probe);
            log.setLevel(Level.DEBUG);
            try (Socket socket = VncSnapshot.connect(new VncAddress("127.0.0.1", port))) {
                assertThat(socket.isConnected()).isTrue();
            } finally {
                log.detachAppender(probe);
                log.setLevel(null);
            }
            assertThat(connectedWhenLogged).containsExactly(false);
        }
    }
}
