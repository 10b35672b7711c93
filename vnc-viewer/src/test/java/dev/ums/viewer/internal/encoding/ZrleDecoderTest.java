package dev.ums.viewer.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.rfb.ImplausibleLengthException;
import dev.ums.testkit.rfb.Bytes;
import dev.ums.viewer.VncProtocolException;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** ZRLE tiles of every sub-encoding, compressed here with the JDK's zlib. */
class ZrleDecoderTest {
    private final Deflater deflater = new Deflater();
    private final ZrleDecoder decoder = new ZrleDecoder();

    private byte[] rect(Bytes tiles) {
        byte[] z = Bytes.deflate(deflater, tiles.toArray());
        return new Bytes().s32(z.length).raw(z).toArray();
    }

    @Test
    void solidRawAndPackedPaletteTiles() throws Exception {
        DecoderFixture f = new DecoderFixture(4, 2);
        assertThat(f.decode(decoder, rect(new Bytes().u8(1).cpixel(0x336699)), 0, 0, 4, 2)).isZero();
        assertThat(f.fb.copyPixels()).containsOnly(0x336699);

        f.decode(decoder, rect(new Bytes().u8(0).cpixel(1, 2, 3, 4)), 0, 0, 2, 2);
        assertThat(f.at(0, 0)).isEqualTo(1);
        assertThat(f.at(1, 1)).isEqualTo(4);

        Bytes packed = new Bytes().u8(2).cpixel(0xff0000, 0x0000ff)   // palette of 2: 1 bit per pixel
                .u8(0b0101_0000, 0b1010_0000);                       // rows padded to a byte
        f.decode(decoder, rect(packed), 0, 0, 4, 2);
        assertThat(f.fb.copyPixels()).containsExactly(
                0xff0000, 0x0000ff, 0xff0000, 0x0000ff,
                0x0000ff, 0xff0000, 0x0000ff, 0xff0000);
    }

    @Test
    void plainAndPaletteRle() throws Exception {
        DecoderFixture f = new DecoderFixture(4, 2);
        Bytes plain = new Bytes().u8(128)
                .cpixel(0xaaaaaa).u8(2)      // run of 3
                .cpixel(0xbbbbbb).u8(4);     // run of 5
        assertThat(f.decode(decoder, rect(plain), 0, 0, 4, 2)).isZero();
        assertThat(f.fb.copyPixels()).containsExactly(0xaaaaaa, 0xaaaaaa, 0xaaaaaa, 0xbbbbbb,
                0xbbbbbb, 0xbbbbbb, 0xbbbbbb, 0xbbbbbb);

        Bytes palette = new Bytes().u8(130).cpixel(0x010101, 0x020202)
                .u8(0x80 | 1, 5)    // index 1, run of 6
                .u8(0)              // index 0, single
                .u8(1);             // index 1, single
        f.decode(decoder, rect(palette), 0, 0, 4, 2);
        assertThat(f.fb.copyPixels()).containsExactly(0x020202, 0x020202, 0x020202, 0x020202,
                0x020202, 0x020202, 0x010101, 0x020202);
    }

    @Test
    void runLongerThanTileIsRejected() throws Exception {
        DecoderFixture f = new DecoderFixture(2, 2);
        byte[] bytes = rect(new Bytes().u8(128).cpixel(0).u8(9));
        assertThatThrownBy(() -> f.decode(decoder, bytes, 0, 0, 2, 2))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("run");
    }

    @Test
    void truncatedAndCorruptZlibAreRejected() throws Exception {
        DecoderFixture f = new DecoderFixture(8, 8);
        byte[] truncated = rect(new Bytes().u8(0).cpixel(1, 2, 3));   // 3 of 64 pixels
        assertThatThrownBy(() -> f.decode(decoder, truncated, 0, 0, 8, 8))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("ended before");
        byte[] garbage = new Bytes().s32(4).u8(0xde, 0xad, 0xbe, 0xef).toArray();
        assertThatThrownBy(() -> f.decode(new ZrleDecoder(), garbage, 0, 0, 8, 8))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("corrupt");
    }

    @Test
    void implausibleLengthIsRejectedBeforeAllocating() throws Exception {
        DecoderFixture f = new DecoderFixture(8, 8);
        byte[] bytes = new Bytes().s32(0x7fffffff).toArray();
        assertThatThrownBy(() -> f.decode(decoder, bytes, 0, 0, 8, 8))
                .isInstanceOfSatisfying(ImplausibleLengthException.class,
                        e -> assertThat(e.length().field()).isEqualTo("ZRLE data"));
    }
}
