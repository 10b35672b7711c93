package dev.ums.rfb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.rfb.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lengths a pass-through reader learns from a message's first bytes, checked against the messages the
 * viewer writes and the extensions other viewers send.
 */
class ClientMessageLengthsTest {

    /** Feeds the message's bytes one by one until the header is complete, then asks for the whole length. */
    private static long lengthOf(byte[] message) {
        int fill = 1;
        while (fill < ClientMessageLengths.headerLength(message, fill)) {
            fill++;
        }
        return ClientMessageLengths.totalLength(message);
    }

    @Test
    void everyMessageTheViewerWrites() throws Exception {
        List<ClientMessage> messages = List.of(
                new SetPixelFormat(PixelFormat.RGB565),
                new SetEncodings(List.of(16, 5, 0, -239)),
                new FramebufferUpdateRequest(false, 0, 0, 800, 600),
                new KeyEvent(0xff0d, true),
                new PointerEvent(1, 10, 10),
                new ClientCutText("hello"),
                new EnableContinuousUpdates(true, 0, 0, 800, 600),
                new Fence(Fence.BLOCK_BEFORE, new byte[] {1, 2, 3}));
        for (ClientMessage message : messages) {
            byte[] wire = message.encode();
            assertThat(lengthOf(wire)).as(message.getClass().getSimpleName()).isEqualTo(wire.length);
        }
        byte[] extended = CutText.encodeExtended(MessageType.CLIENT_CUT_TEXT, 1, new byte[10]);
        assertThat(lengthOf(extended)).isEqualTo(extended.length);
    }

    @Test
    void setDesktopSizeCountsItsScreens() throws Exception {
        byte[] header = new Bytes()
                .u8(251, 0)                   // type, padding
                .u16(1920, 1080)              // width, height
                .u8(2, 0)                     // two screens, padding
                .toArray();
        assertThat(ClientMessageLengths.headerLength(header, 1)).isEqualTo(8);
        assertThat(ClientMessageLengths.totalLength(header)).isEqualTo(8 + 2 * 16);
    }

    @Test
    void qemuExtendedKeyEvent() throws Exception {
        byte[] message = new Bytes()
                .u8(255, 0)                   // QEMU, extended key event
                .u16(1)                       // down
                .s32(0x61, 30)                // keysym 'a', scancode
                .toArray();
        assertThat(lengthOf(message)).isEqualTo(message.length);
    }

    @Test
    void unknownTypesAndQemuKindsHaveNoLength() {
        assertThat(ClientMessageLengths.headerLength(new byte[] {7}, 1)).isEqualTo(ClientMessageLengths.UNKNOWN);
        assertThat(ClientMessageLengths.totalLength(new byte[] {7})).isEqualTo(ClientMessageLengths.UNKNOWN);
        assertThat(ClientMessageLengths.headerLength(new byte[] {(byte) 255, 1}, 2)).isEqualTo(ClientMessageLengths.UNKNOWN);
    }
}
