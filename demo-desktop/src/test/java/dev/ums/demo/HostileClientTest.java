package dev.ums.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ums.demo.internal.vnc.RfbServerSession;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.testkit.log.CapturedLog;
import dev.ums.viewer.VncSettings;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo VNC server against clients that do not play by the rules, over real sockets: clients that connect and
 * say nothing or trickle their handshake, a flood of them, requests made to multiply the pixels sent, a version string made to forge log lines
 * and a flood of such clients, each written to the log. Each must cost a bounded number of
 * threads and viewer places, for a bounded time, and leave the server serving real viewers.
 */
class HostileClientTest {
    private static final byte[] GREETING = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final CapturedLog sessionLog = new CapturedLog(RfbServerSession.class);

    @RegisterExtension
    final DemoServerFixture demo = new DemoServerFixture();

    private void start(String name, Duration handshakeTimeout) throws IOException {
        demo.start(name, handshakeTimeout);
    }

    private Socket connect() throws IOException {
        return demo.connect();
    }

    private void awaitFirstFrameOfAViewer() throws Exception {
        demo.view(VncSettings.defaults());
    }

    /** Completes an RFB 3.8 handshake by hand, checking each byte the server sends; returns the stream to read on. */
    static DataInputStream handshake(Socket socket, String desktopName) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertThat(in.readNBytes(GREETING.length)).isEqualTo(GREETING);
        socket.getOutputStream().write(GREETING);
        assertThat(in.readNBytes(2)).as("security types: None").containsExactly(1, 1);
        socket.getOutputStream().write(1);
        assertThat(in.readInt()).as("SecurityResult OK").isZero();
        socket.getOutputStream().write(1); // ClientInit: shared
        assertThat(in.readUnsignedShort()).isEqualTo(DesktopScene.WIDTH);
        assertThat(in.readUnsignedShort()).isEqualTo(DesktopScene.HEIGHT);
        in.readNBytes(16);
        assertThat(new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8)).isEqualTo(desktopName);
        return in;
    }

    @Test
    void clientsThatSayNothingAreClosedAfterTheHandshakeTimeoutAndFreeTheirPlaces() throws Exception {
        // the real viewer at the end must complete its handshake within it too, its classes loaded for the first time
        start("kiosk-quiet", Duration.ofSeconds(3));
        List<Socket> quiet = new ArrayList<>();
        for (int i = 0; i < DemoVncServer.MAX_VIEWERS; i++) {
            quiet.add(connect());
        }
        for (Socket socket : quiet) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readNBytes(GREETING.length)).as("the server's version").isEqualTo(GREETING);
            assertThat(in.read()).as("then, the client having said nothing, the end of the connection").isEqualTo(-1);
        }
        assertThat(sessionLog.events()).filteredOn(e -> e.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(m -> m.endsWith(": closing the connection: the client did not complete the handshake"
                        + " within 3 s"))
                .hasSize(DemoVncServer.MAX_VIEWERS);
        // the server forgets a place just after it closed its socket
        await().atMost(Duration.ofSeconds(30)).until(() -> demo.server().viewers() == 0);
        awaitFirstFrameOfAViewer();
    }

    @Test
    void aClientThatTricklesItsHandshakeIsClosedAtTheDeadline() throws Exception {
        start("kiosk-trickle", Duration.ofSeconds(1));
        Socket socket = connect();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertThat(in.readNBytes(GREETING.length)).isEqualTo(GREETING);
        // each byte well within a second of the last, all of them together well past the deadline
        try {
            for (byte b : GREETING) {
                socket.getOutputStream().write(b);
                Thread.sleep(300);
            }
        } catch (IOException closedMeanwhile) {
            // the server closed the connection while the client was still sending: what this test waits for
        }
        int next;
        try {
            next = in.read();
        } catch (java.net.SocketException reset) {
            next = -1;          // closed with a byte of ours unread, the close is a reset: closed all the same
        }
        assertThat(next).as("closed before any security type was offered").isEqualTo(-1);
        assertThat(sessionLog.events()).extracting(ILoggingEvent::getFormattedMessage).contains(
                "demo-vnc-kiosk-trickle-1: closing the connection: the client did not complete the handshake within 1 s");
    }

    @Test
    void aViewerMayStayQuietLongerThanTheHandshakeTimeoutOnceItIsConnected() throws Exception {
        start("kiosk-idle", Duration.ofSeconds(2));
        Socket socket = connect();
        DataInputStream in = handshake(socket, "kiosk-idle");

        Thread.sleep(6000); // three handshake timeouts without a byte from the viewer
        socket.getOutputStream().write(new byte[] {3, 0, 0, 0, 0, 0, 0, 1, 0, 1}); // the top left pixel, in full
        assertThat(in.readNBytes(4)).as("FramebufferUpdate of one rectangle").containsExactly(0, 0, 0, 1);
    }

    @Test
    void closingTheServerReturnsOnceEveryThreadOfItsSessionsHasEnded() throws Exception {
        start("kiosk-close", Duration.ofMinutes(10));
        for (int i = 0; i < DemoVncServer.MAX_VIEWERS - 1; i++) {
            awaitFirstFrameOfAViewer();
        }
        connect(); // a client that has not said its version yet
        for (int i = 0; i < 2; i++) { // two clients being refused, neither has said its version
            assertThat(new DataInputStream(connect().getInputStream()).readNBytes(GREETING.length))
                    .isEqualTo(GREETING);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> demo.server().viewers() == DemoVncServer.MAX_VIEWERS);

        demo.server().close();
        List<ILoggingEvent> loggedByTheClose = List.copyOf(sessionLog.events());
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive)
                .extracting(Thread::getName).filteredOn(n -> n.startsWith("demo-vnc-kiosk-close-"))
                .as("the server's threads once its close has returned").isEmpty();
        assertThat(sessionLog.events()).as("lines logged after the close returned").isEqualTo(loggedByTheClose);
    }

    @Test
    void aFloodOfSilentConnectionsCostsABoundedNumberOfThreadsAndEndsWithoutTrace() throws Exception {
        start("kiosk-flood", Duration.ofMinutes(10));
        int flood = 60;
        int greeted = 0;
        int closedAtOnce = 0;
        for (int i = 0; i < flood; i++) {
            byte[] first = new DataInputStream(connect().getInputStream()).readNBytes(GREETING.length);
            if (first.length == 0) {
                closedAtOnce++;
            } else {
                assertThat(first).isEqualTo(GREETING);
                greeted++;
            }
        }
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive)
                .filteredOn(t -> t.getName().startsWith("demo-vnc-kiosk-flood-"))
                .as("the server's threads: one acceptor, one reader per place, one per client being refused")
                .hasSizeLessThanOrEqualTo(1 + DemoVncServer.MAX_VIEWERS + DemoVncServer.MAX_REFUSING);
        assertThat(greeted).as("clients that got the server's version")
                .isEqualTo(DemoVncServer.MAX_VIEWERS + DemoVncServer.MAX_REFUSING);
        assertThat(closedAtOnce).as("clients closed at once").isEqualTo(flood - greeted);

        demo.closeOpened();
        await().atMost(Duration.ofSeconds(30)).until(() -> demo.server().viewers() == 0);
        awaitFirstFrameOfAViewer();
    }

    @Test
    void overlappingRequestsCostAtMostOneScreenOfPixelsPerUpdate() throws Exception {
        start("kiosk-overlap", Duration.ofSeconds(30));
        Socket socket = connect();
        DataInputStream in = handshake(socket, "kiosk-overlap");
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {2, 0, 0, 1, 0, 0, 0, 0}); // SetEncodings: Raw only
        int requests = 32;
        int w = DesktopScene.WIDTH - (requests - 1);
        int h = DesktopScene.HEIGHT - (requests - 1);
        ByteBuffer batch = ByteBuffer.allocate(requests * 10 + 8);
        for (int i = 0; i < requests; i++) {
            // none inside another, each almost the whole screen
            batch.put((byte) 3).put((byte) 0).putShort((short) i).putShort((short) i).putShort((short) w)
                    .putShort((short) h);
        }
        batch.put(new byte[] {4, 1, 0, 0, 0, 0, 0, 'a'}); // KeyEvent 'a' down: the reader waits for the desktop
        Thread reader = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("demo-vnc-kiosk-overlap-1-reader")).findFirst().orElseThrow();
        // While the test holds the desktop's lock, the writer cannot take what is pending: every request merges.
        demo.desktop().read(pixels -> {
            try {
                out.write(batch.array());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.getState() == Thread.State.BLOCKED
                    && Arrays.stream(reader.getStackTrace()).anyMatch(f -> f.getClassName().equals(
                            DemoDesktop.class.getName()) && f.getMethodName().equals("key")));
            return null;
        });

        assertThat(in.readNBytes(2)).as("FramebufferUpdate").containsExactly(0, 0);
        int rects = in.readUnsignedShort();
        long pixels = 0;
        for (int i = 0; i < rects; i++) {
            in.readNBytes(4);
            int rw = in.readUnsignedShort();
            int rh = in.readUnsignedShort();
            assertThat(in.readInt()).as("Raw").isZero();
            in.skipNBytes(4L * rw * rh);
            pixels += (long) rw * rh;
        }
        assertThat(pixels).as("pixels sent for %d overlapping requests", requests)
                .isLessThanOrEqualTo((long) DesktopScene.WIDTH * DesktopScene.HEIGHT);
        assertThat(rects).as("the requests' bounding box, the whole screen, once").isEqualTo(1);
    }

    @Test
    void aFloodOfBadClientsWritesAtMostTwentyWarningsAMinute() throws Exception {
        start("kiosk-noise", Duration.ofSeconds(30));
        int clients = 3 * RepeatedWarning.PER_MINUTE;
        for (int i = 0; i < clients; i++) {
            Socket socket = connect();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readNBytes(GREETING.length)).isEqualTo(GREETING);
            socket.getOutputStream().write("HTTP/1.1 GET".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.read()).as("closed").isEqualTo(-1);
            socket.close();
        }
        // the warning of each client comes before its connection closes; two windows, should the run pass a minute
        assertThat(sessionLog.events()).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(m -> m.contains("closing the connection: the client did not send an RFB 3.x version"))
                .hasSizeBetween(1, 2 * RepeatedWarning.PER_MINUTE);
    }

    @Test
    void aVersionStringWithControlCharactersIsLoggedWithoutThem() throws Exception {
        start("kiosk-forge", Duration.ofSeconds(30));
        Socket socket = connect();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertThat(in.readNBytes(GREETING.length)).isEqualTo(GREETING);
        socket.getOutputStream().write("RFB\r\nFORGED\u001b".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(in.read()).as("the connection closes without a byte more").isEqualTo(-1);
        assertThat(sessionLog.events()).extracting(ILoggingEvent::getFormattedMessage)
                .contains("demo-vnc-kiosk-forge-1: closing the connection: the client did not send an RFB 3.x"
                        + " version but \"RFB??FORGED?\"");
    }
}
