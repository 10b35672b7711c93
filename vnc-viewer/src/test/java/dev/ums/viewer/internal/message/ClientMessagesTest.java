package dev.ums.viewer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.viewer.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wire bytes of every client-to-server message. */
class ClientMessagesTest {

    @Test
    void setPixelFormat() {
        assertThat(new SetPixelFormat(PixelFormat.RGB565).encode()).isEqualTo(new Bytes()
                .u8(0, 0, 0, 0)               // type, padding
                .u8(16, 16, 0, 1)             // bpp, depth, little-endian, true colour
                .u16(31, 63, 31)              // channel maxima
                .u8(11, 5, 0, 0, 0, 0)        // shifts, padding
                .toArray());
    }

    @Test
    void setEncodings() {
        assertThat(new SetEncodings(List.of(16, -239)).encode()).isEqualTo(new Bytes()
                .u8(2, 0).u16(2)              // type, padding, count
                .s32(16, -239).toArray());
    }

    @Test
    void framebufferUpdateRequest() {
        assertThat(new FramebufferUpdateRequest(true, 1, 2, 640, 480).encode()).isEqualTo(new Bytes()
                .u8(3, 1).u16(1, 2, 640, 480).toArray());
    }

    @Test
    void keyEvent() {
        assertThat(new KeyEvent(0x010020ac, true).encode()).isEqualTo(new Bytes()
                .u8(4, 1).u16(0).s32(0x010020ac).toArray());
    }

    @Test
    void pointerEvent() {
        assertThat(new PointerEvent(0b1001, 300, 200).encode()).isEqualTo(new Bytes()
                .u8(5, 9).u16(300, 200).toArray());
    }

    @Test
    void clientCutTextIsLatin1() {
        assertThat(new ClientCutText("né€").encode()).isEqualTo(new Bytes()
                .u8(6, 0, 0, 0).s32(3).u8('n', 0xe9, '?').toArray());
    }
}
