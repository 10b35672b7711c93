package dev.ums.viewer.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.rfb.PixelFormat;
import dev.ums.rfb.RfbInput;
import dev.ums.testkit.rfb.Bytes;
import dev.ums.viewer.CursorShape;
import dev.ums.viewer.VncProtocolException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The Cursor pseudo-encoding from annotated bytes: pixels and mask, the size limit, and no allocation ahead of data. */
class CursorDecoderTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final CursorDecoder decoder = new CursorDecoder();
    private final PixelReader pixels;

    CursorDecoderTest() throws VncProtocolException {
        pixels = new PixelReader(PixelFormat.RGB888);
    }

    private static RfbInput wire(Bytes b) {
        return new RfbInput(new ByteArrayInputStream(b.toArray()));
    }

    @Test
    void pixelsAndMaskMakeTheShape() throws Exception {
        CursorShape shape = decoder.decode(wire(new Bytes()
                .pixel32(0xff0000, 0x00ff00, 0x0000ff)           // 3×1
                .u8(0b1010_0000)), 5, 0, 3, 1, pixels);          // first and third opaque; hot spot 5 is clamped
        assertThat(shape.argb()).containsExactly(0xffff0000, 0, 0xff0000ff);
        assertThat(shape.hotX()).isEqualTo(2);
    }

    @Test
    void aCursorBeyondTheLimitIsRefused() {
        assertThatThrownBy(() -> decoder.decode(wire(new Bytes()), 0, 0, 1025, 1, pixels))
                .isInstanceOf(VncProtocolException.class)
                .hasMessage("The server sent an implausibly large cursor (1025×1).");
    }

    @Test
    void theLargestCursorIsNotAllocatedBeforeItsPixelsArrive() throws Exception {
        RfbInput in = wire(new Bytes().pixel32(1, 2, 3));    // 3 of 1024×1024 pixels, then the server hangs up
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            decoder.decode(in, 0, 0, 1024, 1024, pixels);
            throw new AssertionError("a cursor was made of 12 bytes");
        } catch (EOFException e) {
            assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).isLessThan(1 << 20);
        }
    }
}
