package dev.ums.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test's demo desktop, its clock fixed so that pictures compare exactly, behind its VNC server on a free loopback
 * port. After the test it closes what the test opened through it, then the server, then the desktop. Used on the
 * test's thread.
 */
final class DemoServerFixture implements AfterEachCallback {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T10:20:30Z"), ZoneOffset.UTC);

    private final List<AutoCloseable> open = new ArrayList<>();
    private DemoDesktop desktop;
    private DemoVncServer server;

    /** Starts the desktop called {@code name} behind a server with the default deadlines. */
    void start(String name) throws IOException {
        start(name, DemoVncServer.HANDSHAKE_TIMEOUT, DemoVncServer.REFUSAL_TIMEOUT);
    }

    /** Starts the desktop called {@code name} behind a server giving viewers and refused clients this deadline. */
    void start(String name, Duration handshakeTimeout) throws IOException {
        start(name, handshakeTimeout, handshakeTimeout);
    }

    private void start(String name, Duration handshakeTimeout, Duration refusalTimeout) throws IOException {
        desktop = DemoDesktop.start(name, FIXED);
        server = DemoVncServer.start(desktop, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                handshakeTimeout, refusalTimeout);
    }

    DemoDesktop desktop() {
        return desktop;
    }

    DemoVncServer server() {
        return server;
    }

    /** A connection to the server that has sent nothing yet; reads on it give up after 30 s. */
    Socket connect() throws IOException {
        Socket socket = new Socket(server.address().getAddress(), server.port());
        socket.setSoTimeout(30_000);
        open.add(socket);
        return socket;
    }

    /** Our viewer engine connected with {@code settings}, once its first frame has arrived. */
    VncSession view(VncSettings settings) throws Exception {
        Socket socket = connect();
        VncSession viewer = new VncSession(socket.getInputStream(), socket.getOutputStream(), settings);
        open.add(viewer);
        viewer.start();
        assertThat(viewer.awaitFirstFrame(20, TimeUnit.SECONDS)).as("a real viewer's first frame").isTrue();
        return viewer;
    }

    /** Closes every connection and viewer opened so far, the last opened first (a viewer before its socket). */
    void closeOpened() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        closeOpened();
        if (server != null) {
            server.close();
        }
        if (desktop != null) {
            desktop.close();
        }
    }
}
