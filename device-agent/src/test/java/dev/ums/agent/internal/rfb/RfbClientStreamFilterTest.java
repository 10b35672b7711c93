package dev.ums.agent.internal.rfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The viewer → server stream through the filter, byte for byte: what passes, what is dropped, what ends the stream.
 * The server's side is shown to the filter first, as it comes first on the wire. JUnit's test thread.
 */
class RfbClientStreamFilterTest {
    private static final byte[] VERSION_38 = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION_33 = "RFB 003.003\n".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] HANDSHAKE_38_NONE = concat(VERSION_38, bytes(
            0x01,       // security type chosen: None
            0x01));     // ClientInit: shared

    private static final byte[] SET_PIXEL_FORMAT = bytes(
            0x00, 0, 0, 0,                  // type 0, padding
            32, 24, 0, 1,                   // bpp, depth, big-endian, true colour
            0, (byte) 255, 0, (byte) 255, 0, (byte) 255, // max red, green, blue
            16, 8, 0,                       // shifts
            0, 0, 0);                       // padding
    private static final byte[] SET_ENCODINGS = bytes(
            0x02, 0,                        // type 2, padding
            0, 2,                           // 2 encodings
            0, 0, 0, 16,                    // ZRLE
            (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x21); // DesktopSize pseudo
    private static final byte[] UPDATE_REQUEST = bytes(
            0x03, 0,                        // type 3, incremental = no
            0, 0, 0, 0,                     // x, y
            0x03, 0x20, 0x02, 0x58);        // 800 x 600
    private static final byte[] KEY_EVENT = bytes(
            0x04, 1, 0, 0,                  // type 4, down, padding
            0, 0, 0, 0x61);                 // keysym 'a'
    private static final byte[] POINTER_EVENT = bytes(
            0x05, 1,                        // type 5, button 1
            0, 10, 0, 20);                  // x 10, y 20
    private static final byte[] CUT_TEXT = bytes(
            0x06, 0, 0, 0,                  // type 6, padding
            0, 0, 0, 3,                     // length 3
            'a', 'b', 'c');
    private static final byte[] EXTENDED_CUT_TEXT = bytes(
            0x06, 0, 0, 0,                  // type 6, padding
            (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfc, // length -4: extended clipboard, 4 bytes
            0x10, 0, 0, 0x01);              // caps flags
    private static final byte[] CONTINUOUS_UPDATES = bytes(
            (byte) 150, 1,                  // type 150, enable
            0, 0, 0, 0, 0x03, 0x20, 0x02, 0x58); // x, y, w, h
    private static final byte[] FENCE = bytes(
            (byte) 248, 0, 0, 0,            // type 248, padding
            (byte) 0x80, 0, 0, 0x01,        // flags
            2, 7, 9);                       // 2 payload bytes
    private static final byte[] SET_DESKTOP_SIZE = bytes(
            (byte) 251, 0,                  // type 251, padding
            0x04, 0, 0x03, 0,               // 1024 x 768
            1, 0,                           // 1 screen, padding
            0, 0, 0, 1, 0, 0, 0, 0, 0x04, 0, 0x03, 0, 0, 0, 0, 0); // screen id, x, y, w, h, flags
    private static final byte[] QEMU_KEY = bytes(
            (byte) 255, 0,                  // QEMU, extended key event
            0, 1,                           // down
            0, 0, 0, 0x61,                  // keysym
            0, 0, 0, 0x1e);                 // keycode

    private final ByteArrayOutputStream server = new ByteArrayOutputStream();
    private final RfbClientStreamFilter filter = new RfbClientStreamFilter(server);

    @Test
    void handshakeAndNonInputMessagesPassUnchanged() throws IOException {
        serverSends(VERSION_38);
        byte[] stream = concat(HANDSHAKE_38_NONE, SET_PIXEL_FORMAT, SET_ENCODINGS, UPDATE_REQUEST,
                CONTINUOUS_UPDATES, FENCE);

        write(stream);

        assertThat(server.toByteArray()).isEqualTo(stream);
    }

    /** TigerVNC's viewer asks for its window's size on connecting: a view-only viewer would resize the device. */
    @Test
    void setDesktopSizeIsDroppedLikeInput() throws IOException {
        serverSends(VERSION_38);
        write(concat(HANDSHAKE_38_NONE, SET_ENCODINGS, SET_DESKTOP_SIZE, UPDATE_REQUEST));

        assertThat(server.toByteArray()).isEqualTo(concat(HANDSHAKE_38_NONE, SET_ENCODINGS, UPDATE_REQUEST));
        assertThat(filter.droppedMessages()).isEqualTo(1);
    }

    @Test
    void inputMessagesAreDroppedBetweenOthers() throws IOException {
        serverSends(VERSION_38);
        write(concat(HANDSHAKE_38_NONE, KEY_EVENT, UPDATE_REQUEST, POINTER_EVENT, CUT_TEXT, EXTENDED_CUT_TEXT,
                SET_ENCODINGS, QEMU_KEY, UPDATE_REQUEST));

        assertThat(server.toByteArray()).isEqualTo(concat(HANDSHAKE_38_NONE, UPDATE_REQUEST, SET_ENCODINGS, UPDATE_REQUEST));
        assertThat(filter.droppedMessages()).isEqualTo(5);
    }

    @Test
    void messagesSplitAcrossWritesOneByteAtATime() throws IOException {
        serverSends(VERSION_38);
        byte[] stream = concat(HANDSHAKE_38_NONE, CUT_TEXT, FENCE, POINTER_EVENT, SET_DESKTOP_SIZE, KEY_EVENT);
        for (byte b : stream) {
            filter.write(new byte[] {b}, 0, 1);
        }

        assertThat(server.toByteArray()).isEqualTo(concat(HANDSHAKE_38_NONE, FENCE));
    }

    @Test
    void vncAuthenticationResponsePassesThrough() throws IOException {
        serverSends(VERSION_38);
        byte[] handshake = concat(VERSION_38, bytes(0x02), new byte[16], bytes(0x00)); // type 2, response, not shared
        // The 16-byte response is all 0x04/0x05 bytes: it must not be mistaken for key or pointer events.
        java.util.Arrays.fill(handshake, 13, 29, (byte) 0x04);

        write(concat(handshake, KEY_EVENT, UPDATE_REQUEST));

        assertThat(server.toByteArray()).isEqualTo(concat(handshake, UPDATE_REQUEST));
    }

    @Test
    void rfb33UsesTheSecurityTypeTheServerImposed() throws IOException {
        byte[] serverGreeting = concat(VERSION_33, bytes(0, 0, 0, 2), new byte[16]); // VNC auth, challenge
        write(VERSION_33);
        filter.observeServer(serverGreeting, 0, serverGreeting.length);
        byte[] rest = concat(new byte[16], bytes(0x01), POINTER_EVENT, UPDATE_REQUEST); // response, ClientInit

        write(rest);

        assertThat(server.toByteArray()).isEqualTo(concat(VERSION_33, new byte[16], bytes(0x01), UPDATE_REQUEST));
    }

    @Test
    void unknownMessageTypeEndsTheStream() throws IOException {
        serverSends(VERSION_38);
        write(HANDSHAKE_38_NONE);

        assertThatThrownBy(() -> write(bytes(0x07, 0, 0, 0)))
                .isInstanceOf(UnfilterableStreamException.class)
                .hasMessage("unknown RFB client message type 7");
    }

    @Test
    void unknownQemuSubtypeEndsTheStream() throws IOException {
        serverSends(VERSION_38);
        write(HANDSHAKE_38_NONE);

        assertThatThrownBy(() -> write(bytes(0xff, 0x01, 0, 0)))
                .isInstanceOf(UnfilterableStreamException.class)
                .hasMessage("unknown QEMU client message subtype 1");
    }

    @Test
    void securityTypesItCannotFollowEndTheStream() {
        serverSends(VERSION_38);

        assertThatThrownBy(() -> write(concat(VERSION_38, bytes(19)))) // VeNCrypt
                .isInstanceOf(UnfilterableStreamException.class)
                .hasMessage("security type 19 cannot be filtered for input");
    }

    @Test
    void garbageInsteadOfAVersionEndsTheStream() {
        assertThatThrownBy(() -> write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnfilterableStreamException.class)
                .hasMessage("the viewer did not start with an RFB version");
    }

    @Test
    void aViewerAnnouncingMoreThanAnRfb33ServerEndsTheStreamBeforeAnyInput() throws IOException {
        serverSends(concat(VERSION_33, bytes(
                0, 0, 0, 1)));              // RFB 3.3: the server imposes security type None as a U32
        write(VERSION_38);

        // A 3.3 server takes 0x01 as ClientInit and then the KeyEvent; a 3.8 parse would take 0x01 as the
        // security choice, 0x04 as ClientInit, and be one byte out of step from then on.
        assertThatThrownBy(() -> write(concat(bytes(
                0x01),                      // ClientInit: shared
                KEY_EVENT)))
                .isInstanceOf(UnfilterableStreamException.class)
                .hasMessage("the viewer announced RFB 3.8, more than the server's 3.3");
        assertThat(server.toByteArray()).isEqualTo(VERSION_38);
        assertThat(filter.droppedMessages()).isZero();
    }

    @Test
    void aViewerAnnouncingMoreThanAnRfb33ServerCannotSmuggleAKeyEventInsideAnotherMessage() throws IOException {
        serverSends(concat(VERSION_33, bytes(0, 0, 0, 1))); // None, imposed
        write(VERSION_38);
        // Read as 3.8, 0x03 would be ClientInit and the update request's rest the start of a 20-byte
        // SetPixelFormat that passes, key event included; the server reads an update request and a key.
        byte[] rest = concat(bytes(0x01), UPDATE_REQUEST, KEY_EVENT);

        assertThatThrownBy(() -> write(rest))
                .isInstanceOf(UnfilterableStreamException.class)
                .hasMessage("the viewer announced RFB 3.8, more than the server's 3.3");
        assertThat(server.toByteArray()).isEqualTo(VERSION_38);
    }

    @Test
    void aViewerAnswering33ToAn38ServerIsFollowedAs33() throws IOException {
        serverSends(VERSION_38);
        write(VERSION_33);
        serverSends(bytes(0, 0, 0, 1));     // the server falls back to 3.3 and imposes None

        write(concat(bytes(0x01), KEY_EVENT, UPDATE_REQUEST)); // ClientInit, then a key and a request

        assertThat(server.toByteArray()).isEqualTo(concat(VERSION_33, bytes(0x01), UPDATE_REQUEST));
        assertThat(filter.droppedMessages()).isEqualTo(1);
    }

    @Test
    void aServerThatDoesNotGreetWithAnRfbVersionEndsTheStream() throws IOException {
        serverSends("HTTP/1.1 400".getBytes(StandardCharsets.US_ASCII));
        write(VERSION_38);

        assertThatThrownBy(() -> write(concat(bytes(0x01), KEY_EVENT)))
                .isInstanceOf(UnfilterableStreamException.class)
                .hasMessage("the server did not start with an RFB version");
        assertThat(server.toByteArray()).isEqualTo(VERSION_38);
    }

    private void serverSends(byte[] bytes) {
        filter.observeServer(bytes, 0, bytes.length);
    }

    private void write(byte[] stream) throws IOException {
        filter.write(stream, 0, stream.length);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
