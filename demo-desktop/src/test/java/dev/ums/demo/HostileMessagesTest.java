package dev.ums.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ums.demo.internal.vnc.RfbServerSession;
import dev.ums.testkit.log.CapturedLog;
import dev.ums.viewer.VncSettings;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each client message the demo server cannot take, written byte by byte after a real handshake: impossible pixel
 * formats, an encoding list or clipboard text past its limit, an extended clipboard, an unknown message type. Each
 * closes only its own connection, without a byte more, with one WARN line naming the reason, and the server
 * serves the next viewer. Requests and pointer positions outside the screen are answered within it.
 */
class HostileMessagesTest {
    private static final String NAME = "kiosk-msg";

    @RegisterExtension
    final CapturedLog sessionLog = new CapturedLog(RfbServerSession.class);

    @RegisterExtension
    final DemoServerFixture demo = new DemoServerFixture();

    @BeforeEach
    void start() throws IOException {
        demo.start(NAME);
    }

    private Socket connect() throws IOException {
        return demo.connect();
    }

    /** SetPixelFormat with the given fields. */
    private static byte[] pixelFormat(int bpp, int depth, int trueColour, int max, int redShift, int greenShift,
                                      int blueShift) {
        return ByteBuffer.allocate(20).put((byte) 0).put(new byte[3]).put((byte) bpp).put((byte) depth).put((byte) 0)
                .put((byte) trueColour).putShort((short) max).putShort((short) max).putShort((short) max)
                .put((byte) redShift).put((byte) greenShift).put((byte) blueShift).put(new byte[3]).array();
    }

    static Stream<Arguments> refusedMessages() {
        String format = "unsupported pixel format: ";
        return Stream.of(
                Arguments.of("0 bits per pixel", pixelFormat(0, 0, 1, 255, 16, 8, 0),
                        format + "bits per pixel must be 8, 16 or 32, not 0"),
                Arguments.of("7 bits per pixel", pixelFormat(7, 7, 1, 1, 2, 1, 0),
                        format + "bits per pixel must be 8, 16 or 32, not 7"),
                Arguments.of("64 bits per pixel", pixelFormat(64, 24, 1, 255, 16, 8, 0),
                        format + "bits per pixel must be 8, 16 or 32, not 64"),
                Arguments.of("a colour map", pixelFormat(8, 8, 0, 7, 5, 2, 0),
                        format + "colour-map pixel formats are not supported, only true colour"),
                Arguments.of("a maximum of 65535", pixelFormat(32, 24, 1, 65535, 16, 8, 0),
                        format + "colour maxima must be 2^n-1 and at most 255"),
                Arguments.of("a maximum that is not 2^n-1", pixelFormat(32, 24, 1, 200, 16, 8, 0),
                        format + "colour maxima must be 2^n-1 and at most 255"),
                Arguments.of("a shift of 255", pixelFormat(32, 24, 1, 255, 255, 8, 0),
                        format + "the colour channels do not fit in 32 bits"),
                Arguments.of("channels past 16 bits", pixelFormat(16, 16, 1, 255, 16, 8, 0),
                        format + "the colour channels do not fit in 16 bits"),
                Arguments.of("channels past 32 bits", pixelFormat(32, 24, 1, 255, 28, 8, 0),
                        format + "the colour channels do not fit in 32 bits"),
                Arguments.of("65535 encodings", new byte[] {2, 0, (byte) 0xff, (byte) 0xff},
                        "the client listed 65535 encodings, more than 1024"),
                Arguments.of("a clipboard of 2^31-1 bytes", new byte[] {6, 0, 0, 0, 0x7f, -1, -1, -1},
                        "the client sent a clipboard of 2147483647 bytes (extended clipboard was not offered;"
                                + " the limit is 1048576)"),
                Arguments.of("an extended clipboard", new byte[] {6, 0, 0, 0, -1, -1, -1, -8},
                        "the client sent a clipboard of 4294967288 bytes (extended clipboard was not offered;"
                                + " the limit is 1048576)"),
                Arguments.of("message type 7", new byte[] {7, 0, 0, 0},
                        "the client sent message type 7, which this server does not support"),
                Arguments.of("EnableContinuousUpdates, not offered", new byte[] {(byte) 150, 1, 0, 0, 0, 0, 4, 0, 2, -128},
                        "the client sent message type 150, which this server does not support"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedMessages")
    void aMessageTheServerCannotTakeClosesOnlyItsConnectionWithTheReasonLogged(String what, byte[] message,
                                                                              String reason) throws Exception {
        Socket socket = connect();
        DataInputStream in = HostileClientTest.handshake(socket, NAME);
        socket.getOutputStream().write(message);
        assertThat(in.read()).as("closed without a byte more").isEqualTo(-1);
        assertThat(sessionLog.events()).filteredOn(e -> e.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("demo-vnc-" + NAME + "-1: closing the connection: " + reason);

        demo.view(VncSettings.defaults()); // the next viewer gets its first frame
    }

    @Test
    void aSecurityTypeNotOfferedToARfb37ClientClosesTheConnectionWithoutAResult() throws Exception {
        Socket socket = connect();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        in.readNBytes(12);
        socket.getOutputStream().write("RFB 003.007\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(in.readNBytes(2)).as("security types: None").containsExactly(1, 1);
        socket.getOutputStream().write(0); // "invalid", never offered
        assertThat(in.read()).as("3.7 has no SecurityResult here: closed without a byte more").isEqualTo(-1);
        assertThat(sessionLog.events()).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "demo-vnc-" + NAME + "-1: closing the connection: the client chose security type 0, only None (1)"
                        + " is offered");
    }

    @Test
    void requestsOutsideTheScreenAreAnsweredWithNothingAndAHugeOneWithTheScreen() throws Exception {
        Socket socket = connect();
        DataInputStream in = HostileClientTest.handshake(socket, NAME);
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {3, 0, 0x07, (byte) 0xd0, 0, 0, 0, 10, 0, 10}); // 10×10 at x 2000
        assertThat(in.readNBytes(4)).as("an update of no rectangles").containsExactly(0, 0, 0, 0);
        out.write(new byte[] {3, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // 0×0
        assertThat(in.readNBytes(4)).as("an update of no rectangles").containsExactly(0, 0, 0, 0);

        int before = demo.desktop().read(pixels -> pixels[DesktopScene.WIDTH * DesktopScene.HEIGHT - 1] & 0xffffff);
        assertThat(before).as("the bottom right pixel before").isNotIn(0xf59e0b, 0xef4444);
        out.write(new byte[] {5, 1, -1, -1, -1, -1}); // a click at (65535, 65535)
        out.write(new byte[] {5, 0, -1, -1, -1, -1});
        out.write(new byte[] {3, 0, 0, 0, 0, 0, -1, -1, -1, -1}); // 65535×65535
        assertThat(in.readNBytes(4)).as("one rectangle").containsExactly(0, 0, 0, 1);
        ByteBuffer header = ByteBuffer.wrap(in.readNBytes(12));
        assertThat(new int[] {header.getShort(), header.getShort(), header.getShort() & 0xffff,
                header.getShort() & 0xffff, header.getInt()})
                .as("the whole screen, Raw").containsExactly(0, 0, DesktopScene.WIDTH, DesktopScene.HEIGHT, 0);
        in.skipNBytes(4L * DesktopScene.WIDTH * DesktopScene.HEIGHT);
        int corner = demo.desktop().read(pixels -> pixels[DesktopScene.WIDTH * DesktopScene.HEIGHT - 1] & 0xffffff);
        assertThat(corner).as("the pointer's trail or click, clipped to the bottom right pixel")
                .isIn(0xf59e0b, 0xef4444);
    }
}
