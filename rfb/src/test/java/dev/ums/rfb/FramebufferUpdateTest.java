package dev.ums.rfb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.rfb.Bytes;
import org.junit.jupiter.api.Test;

/** A FramebufferUpdate's framing as the demo server writes it and the viewer reads it, and the encodings' tiles. */
class FramebufferUpdateTest {

    @Test
    void headerNamesTheRectangleCount() throws Exception {
        byte[] wire = new Bytes().u8(0, 0).u16(3).toArray();          // type, padding, 3 rectangles
        assertThat(FramebufferUpdate.encodeHeader(3)).isEqualTo(wire).hasSize(FramebufferUpdate.HEADER_LENGTH);
        assertThat(Wire.decodeBody(wire, MessageType.FRAMEBUFFER_UPDATE, FramebufferUpdate::readRectangleCount))
                .isEqualTo(3);
    }

    @Test
    void rectangleHeader() throws Exception {
        Bytes wire = new Bytes()
                .u16(10, 20, 640, 480)        // x, y, width, height
                .s32(16);                     // ZRLE
        RectangleHeader header = new RectangleHeader(10, 20, 640, 480, EncodingType.ZRLE);
        assertThat(header.encode()).isEqualTo(wire.toArray()).hasSize(RectangleHeader.LENGTH);
        assertThat(Wire.decode(wire, RectangleHeader::decode)).isEqualTo(header);
    }

    @Test
    void pseudoEncodingsAreNegative() throws Exception {
        Bytes wire = new Bytes().u16(0, 0, 1024, 768).s32(-223);      // DesktopSize
        assertThat(Wire.decode(wire, RectangleHeader::decode).encoding()).isEqualTo(EncodingType.DESKTOP_SIZE);
    }

    @Test
    void copyRect() throws Exception {
        Bytes wire = new Bytes().u16(120, 80);                        // source x, y
        assertThat(new CopyRect(120, 80).encode()).isEqualTo(wire.toArray()).hasSize(CopyRect.LENGTH);
        assertThat(Wire.decode(wire, CopyRect::decode)).isEqualTo(new CopyRect(120, 80));
    }

    @Test
    void hextileSubrectanglesAreNibbles() {
        int position = Hextile.position(3, 15);
        int size = Hextile.size(16, 1);
        assertThat(position).isEqualTo(0x3f);                          // x 3, y 15
        assertThat(size).isEqualTo(0xf0);                              // width - 1 = 15, height - 1 = 0
        assertThat(Hextile.x(position)).isEqualTo(3);
        assertThat(Hextile.y(position)).isEqualTo(15);
        assertThat(Hextile.width(size)).isEqualTo(16);
        assertThat(Hextile.height(size)).isEqualTo(1);
    }

    @Test
    void zrlePacksPaletteIndicesInOneTwoOrFourBits() {
        assertThat(Zrle.packedBits(2)).isEqualTo(1);
        assertThat(Zrle.packedBits(3)).isEqualTo(2);
        assertThat(Zrle.packedBits(4)).isEqualTo(2);
        assertThat(Zrle.packedBits(5)).isEqualTo(4);
        assertThat(Zrle.packedBits(Zrle.MAX_PACKED_PALETTE)).isEqualTo(4);
    }
}
