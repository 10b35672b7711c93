package dev.ums.rfb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.testkit.rfb.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wire bytes of every client-to-server message, written by the viewer and read back by a server. */
class ClientMessagesTest {

    @Test
    void setPixelFormat() throws Exception {
        byte[] wire = new Bytes()
                .u8(0, 0, 0, 0)               // type, padding
                .u8(16, 16, 0, 1)             // bpp, depth, little-endian, true colour
                .u16(31, 63, 31)              // channel maxima
                .u8(11, 5, 0, 0, 0, 0)        // shifts, padding
                .toArray();
        SetPixelFormat message = new SetPixelFormat(PixelFormat.RGB565);
        assertThat(message.encode()).isEqualTo(wire).hasSize(SetPixelFormat.LENGTH);
        assertThat(Wire.decodeBody(wire, MessageType.SET_PIXEL_FORMAT, SetPixelFormat::decode)).isEqualTo(message);
    }

    @Test
    void setEncodings() throws Exception {
        byte[] wire = new Bytes()
                .u8(2, 0).u16(2)              // type, padding, count
                .s32(16, -239).toArray();     // ZRLE, Cursor
        SetEncodings message = new SetEncodings(List.of(16, -239));
        assertThat(message.encode()).isEqualTo(wire);
        SetEncodings read = Wire.decodeBody(wire, MessageType.SET_ENCODINGS, in -> SetEncodings.decode(in, 2));
        assertThat(read).isEqualTo(message);
        assertThat(SetEncodings.length(wire)).isEqualTo(wire.length);
    }

    @Test
    void setEncodingsOverTheReadersLimitIsRefusedBeforeReadingThem() {
        byte[] wire = new Bytes().u8(2, 0).u16(1025).toArray();   // 1025 encodings announced, none sent
        assertThatThrownBy(() -> Wire.decodeBody(wire, MessageType.SET_ENCODINGS, in -> SetEncodings.decode(in, 1024)))
                .isInstanceOfSatisfying(ImplausibleLengthException.class, e -> assertThat(e.length())
                        .isEqualTo(new ImplausibleLengthException.Length("encoding list", 1025, 1024)));
    }

    @Test
    void framebufferUpdateRequest() throws Exception {
        byte[] wire = new Bytes()
                .u8(3, 1)                     // type, incremental
                .u16(1, 2, 640, 480)          // x, y, width, height
                .toArray();
        FramebufferUpdateRequest message = new FramebufferUpdateRequest(true, 1, 2, 640, 480);
        assertThat(message.encode()).isEqualTo(wire).hasSize(FramebufferUpdateRequest.LENGTH);
        assertThat(Wire.decodeBody(wire, MessageType.FRAMEBUFFER_UPDATE_REQUEST, FramebufferUpdateRequest::decode))
                .isEqualTo(message);
    }

    @Test
    void keyEvent() throws Exception {
        byte[] wire = new Bytes()
                .u8(4, 1).u16(0)              // type, down, padding
                .s32(0x010020ac)              // keysym: U+20AC, the euro sign
                .toArray();
        KeyEvent message = new KeyEvent(0x010020ac, true);
        assertThat(message.encode()).isEqualTo(wire).hasSize(KeyEvent.LENGTH);
        assertThat(Wire.decodeBody(wire, MessageType.KEY_EVENT, KeyEvent::decode)).isEqualTo(message);
    }

    @Test
    void pointerEvent() throws Exception {
        byte[] wire = new Bytes()
                .u8(5, 0b1001)                // type, buttons: left and wheel up
                .u16(300, 200)                // x, y
                .toArray();
        PointerEvent message = new PointerEvent(0b1001, 300, 200);
        assertThat(message.encode()).isEqualTo(wire).hasSize(PointerEvent.LENGTH);
        assertThat(Wire.decodeBody(wire, MessageType.POINTER_EVENT, PointerEvent::decode)).isEqualTo(message);
    }

    @Test
    void clientCutTextIsLatin1() throws Exception {
        byte[] wire = new Bytes()
                .u8(6, 0, 0, 0)               // type, padding
                .s32(3)                       // length
                .u8('n', 0xe9, '?')           // "né€": the euro sign is not Latin-1
                .toArray();
        assertThat(new ClientCutText("né€").encode()).isEqualTo(wire);
        String read = Wire.decodeBody(wire, MessageType.CLIENT_CUT_TEXT,
                in -> new String(in.bytes(CutText.readLength(in)), StandardCharsets.ISO_8859_1));
        assertThat(read).isEqualTo("né?");
        assertThat(CutText.length(wire)).isEqualTo(wire.length);
    }

    @Test
    void extendedClipboardMessageHasANegativeLength() throws Exception {
        byte[] wire = new Bytes()
                .u8(6, 0, 0, 0)               // type, padding
                .s32(-6)                      // extended: 6 bytes follow
                .s32(0x1000001)               // flags: caps, text
                .u8(0xab, 0xcd)               // payload
                .toArray();
        assertThat(CutText.encodeExtended(MessageType.CLIENT_CUT_TEXT, 0x1000001, new byte[] {(byte) 0xab, (byte) 0xcd}))
                .isEqualTo(wire);
        int length = Wire.decodeBody(Arrays.copyOf(wire, CutText.HEADER_LENGTH),
                MessageType.CLIENT_CUT_TEXT, CutText::readLength);
        assertThat(CutText.isExtended(length)).isTrue();
        assertThat(CutText.bodyLength(length)).isEqualTo(6);
        assertThat(CutText.length(wire)).isEqualTo(wire.length);
    }

    @Test
    void enableContinuousUpdates() {
        assertThat(new EnableContinuousUpdates(true, 0, 0, 1920, 1080).encode()).isEqualTo(new Bytes()
                .u8(150, 1)                   // type, enable
                .u16(0, 0, 1920, 1080)        // the area
                .toArray()).hasSize(EnableContinuousUpdates.LENGTH);
    }

    @Test
    void fenceInEitherDirection() throws Exception {
        byte[] wire = new Bytes()
                .u8(248, 0, 0, 0)             // type, padding
                .s32(0x80000005)              // flags: request, sync next, block before
                .u8(2).u8(7, 9)               // payload length, payload
                .toArray();
        assertThat(new Fence(0x80000005, new byte[] {7, 9}).encode()).isEqualTo(wire);
        Fence read = Wire.decodeBody(wire, MessageType.FENCE, Fence::decode);
        assertThat(read.isRequest()).isTrue();
        assertThat(read.payload()).containsExactly(7, 9);
        assertThat(read.response().encode()).isEqualTo(new Bytes()
                .u8(248, 0, 0, 0).s32(0x5)    // the same flags without the request bit
                .u8(2).u8(7, 9).toArray());
        assertThat(Fence.length(wire)).isEqualTo(wire.length);
    }

    @Test
    void fenceWithTooLongAPayloadIsRefused() {
        byte[] wire = new Bytes().u8(248, 0, 0, 0).s32(0).u8(65).toArray();   // 65 bytes announced
        assertThatThrownBy(() -> Wire.decodeBody(wire, MessageType.FENCE, Fence::decode))
                .isInstanceOfSatisfying(ImplausibleLengthException.class,
                        e -> assertThat(e.length().field()).isEqualTo("fence payload"));
    }
}
