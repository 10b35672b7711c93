package dev.ums.viewer;

import static dev.ums.viewer.RealXvncTest.connect;
import static dev.ums.viewer.RealXvncTest.differingPixels;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.X11vncServer;
import dev.ums.testkit.vnc.XvncServer;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Authentication, reduced colour depths, resizing and a second server implementation. */
class RealServersTest {

    @Test
    void vncAuthenticationWithRightAndWrongPassword() throws Exception {
        try (XvncServer xvnc = XvncServer.startWithPassword(160, 120, "s3cret!")) {
            VncSettings right = VncSettings.builder().jpegQuality(VncSettings.LOSSLESS)
                    .password("s3cret!".toCharArray()).build();
            try (VncSession session = connect(xvnc, right)) {
                assertThat(differingPixels(session.framebuffer().copyPixels(), xvnc.screenPixels(), 0)).isZero();
            }
            Socket socket = new Socket(xvnc.host(), xvnc.port());
            VncSession wrong = new VncSession(socket.getInputStream(), socket.getOutputStream(),
                    VncSettings.builder().password("guess".toCharArray()).build()).start();
            assertThat(wrong.awaitClosed(10, TimeUnit.SECONDS)).isTrue();
            assertThat(wrong.error()).isInstanceOf(VncAuthenticationException.class)
                    .hasMessageStartingWith("The VNC server rejected the password");
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void sixteenBitColourIsWithinOneQuantisationStep(Encoding encoding) throws Exception {
        try (XvncServer xvnc = XvncServer.start(160, 120);
             VncSession session = connect(xvnc, VncSettings.builder().encodings(encoding)
                     .colorDepth(ColorDepth.HIGH_COLOR_16).build())) {
            int[] expected = xvnc.screenPixels();
            assertThat(differingPixels(session.framebuffer().copyPixels(), expected, 8)).isZero();
            assertThat(differingPixels(session.framebuffer().copyPixels(), expected, 0)).isPositive();
        }
    }

    @Test
    void desktopResizeFollowsTheServer() throws Exception {
        try (XvncServer xvnc = XvncServer.start(320, 240);
             VncSession session = connect(xvnc, VncSettings.defaults())) {
            RecordingListener listener = new RecordingListener();
            session.addListener(listener);
            xvnc.runClient("xrandr", "-s", "640x480");
            for (int i = 0; i < 500 && !listener.events.contains("resized 640x480"); i++) {
                Thread.sleep(10);
            }
            assertThat(listener.events).contains("resized 640x480");
            assertThat(session.framebuffer().width()).isEqualTo(640);
        }
    }

    /**
     * Xvnc closes a client that has not yet said it follows desktop size changes when the desktop is resized (as
     * another viewer's remote resize does at its own connection). The session says so in its first messages, before
     * its listeners hear of the connection, which may take a while (a window being built); here another client
     * resizes the desktop while they do.
     */
    @Test
    void aResizeWhileListenersLearnOfTheConnectionReachesTheSession() throws Exception {
        try (XvncServer xvnc = XvncServer.start(320, 240)) {
            Socket socket = new Socket(xvnc.host(), xvnc.port());
            VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(),
                    VncSettings.defaults());
            session.addListener(new VncSessionListener() {
                @Override
                public void connected(String desktopName, int width, int height) {
                    try {
                        Thread.sleep(300);
                        xvnc.runClient("xrandr", "-s", "640x480");
                    } catch (java.io.IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            RecordingListener listener = new RecordingListener();
            session.addListener(listener);
            try (session) {
                session.start();
                for (int i = 0; i < 500 && !listener.events.contains("resized 640x480") && !session.isClosed(); i++) {
                    Thread.sleep(10);
                }
                assertThat(session.error()).isNull();
                assertThat(listener.events).contains("resized 640x480");
                assertThat(session.framebuffer().width()).isEqualTo(640);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void x11vncPixelsMatchExactly(Encoding encoding) throws Exception {
        try (X11vncServer x11vnc = X11vncServer.start(320, 240)) {
            Socket socket = new Socket(x11vnc.host(), x11vnc.port());
            try (VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(),
                    VncSettings.builder().encodings(encoding).jpegQuality(VncSettings.LOSSLESS).build()).start()) {
                assertThat(session.awaitFirstFrame(15, TimeUnit.SECONDS)).as("frame, error %s", session.error()).isTrue();
                // x11vnc polls the X screen, so its first frames may still show its blank start-up buffer.
                int[] expected = x11vnc.screenPixels();
                for (int i = 0; i < 100 && !java.util.Arrays.equals(session.framebuffer().copyPixels(), expected); i++) {
                    Thread.sleep(50);
                }
                assertThat(differingPixels(session.framebuffer().copyPixels(), expected, 0)).isZero();
                if (encoding != Encoding.COPY_RECT) {
                    assertThat(session.rectangleCount(encoding)).isPositive();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void eightBitColourMapFromX11vnc(Encoding encoding) throws Exception {
        try (X11vncServer x11vnc = X11vncServer.start(160, 120)) {
            Socket socket = new Socket(x11vnc.host(), x11vnc.port());
            VncSettings settings = VncSettings.builder().encodings(encoding).colorDepth(ColorDepth.INDEXED_8).build();
            try (VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(), settings).start()) {
                assertThat(session.awaitFirstFrame(15, TimeUnit.SECONDS)).as("frame, error %s", session.error()).isTrue();
                int[] expected = x11vnc.screenPixels();
                // 8 colours of red and green, 4 of blue: one step is up to 85 levels, half a step 43.
                for (int i = 0; i < 100 && differingPixels(session.framebuffer().copyPixels(), expected, 43) > 0; i++) {
                    Thread.sleep(50);
                }
                assertThat(differingPixels(session.framebuffer().copyPixels(), expected, 43)).isZero();
                assertThat(java.util.Arrays.stream(session.framebuffer().copyPixels()).distinct().count())
                        .isGreaterThan(16).isLessThanOrEqualTo(256);
            }
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"3.3", "3.7", "3.8"})
    void everyProtocolVersionWithPasswordAgainstX11vnc(String version) throws Exception {
        try (X11vncServer x11vnc = X11vncServer.start(160, 120, "-rfbversion", version, "-passwd", "pa55")) {
            Socket socket = new Socket(x11vnc.host(), x11vnc.port());
            VncSettings settings = VncSettings.builder().encodings(Encoding.ZRLE).password("pa55".toCharArray()).build();
            try (VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(), settings).start()) {
                assertThat(session.awaitFirstFrame(15, TimeUnit.SECONDS)).as("frame, error %s", session.error()).isTrue();
                assertThat(session.protocolVersion()).isEqualTo(version);
            }
            Socket again = new Socket(x11vnc.host(), x11vnc.port());
            VncSession wrong = new VncSession(again.getInputStream(), again.getOutputStream(),
                    VncSettings.builder().password("nope".toCharArray()).build()).start();
            assertThat(wrong.awaitClosed(15, TimeUnit.SECONDS)).isTrue();
            assertThat(wrong.error()).isInstanceOf(VncAuthenticationException.class)
                    .hasMessageStartingWith("The VNC server rejected the password");
        }
    }
}
