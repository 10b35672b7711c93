package dev.ums.viewer.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.rfb.PixelFormat;
import dev.ums.testkit.rfb.Bytes;
import dev.ums.viewer.VncProtocolException;
import org.junit.jupiter.api.Test;

/** Raw, CopyRect, RRE and Hextile from annotated bytes. */
class SimpleDecodersTest {

    @Test
    void rawThirtyTwoBit() throws Exception {
        DecoderFixture f = new DecoderFixture(4, 4);
        byte[] bytes = new Bytes()
                .pixel32(0xff0000, 0x00ff00)   // row 0
                .pixel32(0x0000ff, 0x123456)   // row 1
                .toArray();
        assertThat(f.decode(new RawDecoder(), bytes, 1, 2, 2, 2)).isZero();
        assertThat(f.at(1, 2)).isEqualTo(0xff0000);
        assertThat(f.at(2, 2)).isEqualTo(0x00ff00);
        assertThat(f.at(1, 3)).isEqualTo(0x0000ff);
        assertThat(f.at(2, 3)).isEqualTo(0x123456);
        assertThat(f.at(0, 0)).isZero();
    }

    @Test
    void rawSixteenBitExpandsChannels() throws Exception {
        DecoderFixture f = new DecoderFixture(2, 1, PixelFormat.RGB565);
        byte[] bytes = new Bytes()
                .u8(0x00, 0xf8)   // 0xf800 little-endian: red 31
                .u8(0x1f, 0x00)   // 0x001f: blue 31
                .toArray();
        f.decode(new RawDecoder(), bytes, 0, 0, 2, 1);
        assertThat(f.at(0, 0)).isEqualTo(0xff0000);
        assertThat(f.at(1, 0)).isEqualTo(0x0000ff);
    }

    @Test
    void rawEightBitGoesThroughColourMap() throws Exception {
        DecoderFixture f = new DecoderFixture(2, 1, PixelFormat.INDEXED8);
        f.ctx.pixels().setColourMapEntries(5, new int[] {0x102030, 0x405060});
        f.decode(new RawDecoder(), new Bytes().u8(6, 5).toArray(), 0, 0, 2, 1);
        assertThat(f.at(0, 0)).isEqualTo(0x405060);
        assertThat(f.at(1, 0)).isEqualTo(0x102030);
    }

    @Test
    void copyRectHandlesOverlap() throws Exception {
        DecoderFixture f = new DecoderFixture(4, 1);
        f.decode(new RawDecoder(), new Bytes().pixel32(1, 2, 3, 4).toArray(), 0, 0, 4, 1);
        byte[] bytes = new Bytes().u16(0, 0).toArray();   // source x = 0, y = 0
        assertThat(f.decode(new CopyRectDecoder(), bytes, 1, 0, 3, 1)).isZero();
        assertThat(f.fb.copyPixels()).containsExactly(1, 1, 2, 3);
    }

    @Test
    void copyRectFromOutsideIsRejected() throws Exception {
        DecoderFixture f = new DecoderFixture(4, 4);
        byte[] bytes = new Bytes().u16(3, 3).toArray();   // a 2×2 source at 3,3 leaves the desktop
        assertThatThrownBy(() -> f.decode(new CopyRectDecoder(), bytes, 0, 0, 2, 2))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("outside the desktop");
    }

    @Test
    void rre() throws Exception {
        DecoderFixture f = new DecoderFixture(4, 4);
        byte[] bytes = new Bytes()
                .s32(1)                 // one sub-rectangle
                .pixel32(0x111111)      // background
                .pixel32(0xabcdef)      // sub-rectangle colour
                .u16(1, 1, 2, 1)        // x, y, w, h within the rectangle
                .toArray();
        assertThat(f.decode(new RreDecoder(), bytes, 0, 0, 4, 4)).isZero();
        assertThat(f.at(0, 0)).isEqualTo(0x111111);
        assertThat(f.at(1, 1)).isEqualTo(0xabcdef);
        assertThat(f.at(2, 1)).isEqualTo(0xabcdef);
        assertThat(f.at(3, 1)).isEqualTo(0x111111);
    }

    @Test
    void rreSubRectangleOutsideIsRejected() throws Exception {
        DecoderFixture f = new DecoderFixture(4, 4);
        byte[] bytes = new Bytes().s32(1).pixel32(0, 1).u16(3, 3, 2, 2).toArray();
        assertThatThrownBy(() -> f.decode(new RreDecoder(), bytes, 0, 0, 4, 4))
                .isInstanceOf(VncProtocolException.class);
    }

    @Test
    void hextileTilesWithBackgroundForegroundAndColouredSubrects() throws Exception {
        DecoderFixture f = new DecoderFixture(32, 16);
        byte[] bytes = new Bytes()
                // tile (0,0): background + foreground + one sub-rectangle
                .u8(2 | 4 | 8).pixel32(0x000080).pixel32(0xffff00)
                .u8(1)            // one sub-rectangle
                .u8(0x12, 0x10)   // x=1 y=2, w=2 h=1
                // tile (16,0): background carried over, one coloured sub-rectangle
                .u8(8 | 16)
                .u8(1).pixel32(0x00ff00).u8(0x00, 0x00)   // at 0,0 size 1×1
                .toArray();
        assertThat(f.decode(new HextileDecoder(), bytes, 0, 0, 32, 16)).isZero();
        assertThat(f.at(0, 0)).isEqualTo(0x000080);
        assertThat(f.at(1, 2)).isEqualTo(0xffff00);
        assertThat(f.at(2, 2)).isEqualTo(0xffff00);
        assertThat(f.at(3, 2)).isEqualTo(0x000080);
        assertThat(f.at(16, 0)).isEqualTo(0x00ff00);
        assertThat(f.at(17, 0)).isEqualTo(0x000080);
    }

    @Test
    void hextileRawTile() throws Exception {
        DecoderFixture f = new DecoderFixture(2, 1);
        byte[] bytes = new Bytes().u8(1).pixel32(0x010203, 0x040506).toArray();
        assertThat(f.decode(new HextileDecoder(), bytes, 0, 0, 2, 1)).isZero();
        assertThat(f.fb.copyPixels()).containsExactly(0x010203, 0x040506);
    }

    @Test
    void hextileInvalidFlagsAreRejected() throws Exception {
        DecoderFixture f = new DecoderFixture(2, 1);
        assertThatThrownBy(() -> f.decode(new HextileDecoder(), new Bytes().u8(0x40).toArray(), 0, 0, 2, 1))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("Hextile");
    }
}
