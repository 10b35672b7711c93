package dev.ums.viewer.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.rfb.ImplausibleLengthException;
import dev.ums.rfb.RfbInput;
import dev.ums.testkit.rfb.Bytes;
import dev.ums.viewer.VncProtocolException;
import java.io.EOFException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

    @Test
    void aBlockLargerThanTheFirstBufferDecodesExactly() throws Exception {
        int w = 512;
        int h = 192;
        java.util.Random random = new java.util.Random(7);
        int[] expected = new int[w * h];
        Bytes tiles = new Bytes();
        for (int ty = 0; ty < h; ty += 64) {
            for (int tx = 0; tx < w; tx += 64) {
                tiles.u8(0);                                            // raw tile: 64×64 CPIXELs
                for (int y = ty; y < ty + 64; y++) {
                    for (int x = tx; x < tx + 64; x++) {
                        expected[y * w + x] = random.nextInt(0x1000000);
                        tiles.cpixel(expected[y * w + x]);
                    }
                }
            }
        }
        byte[] bytes = rect(tiles);
        assertThat(bytes.length).as("noise does not compress: several times the first 64 KiB buffer")
                .isGreaterThan(3 * 64 * 1024);
        DecoderFixture f = new DecoderFixture(w, h);
        assertThat(f.decode(decoder, bytes, 0, 0, w, h)).isZero();
        assertThat(f.fb.copyPixels()).isEqualTo(expected);
    }

    @Test
    void aClaimedBlockIsBufferedOnlyAsItsBytesArrive() throws Exception {
        int w = 7680;
        int h = 4320;
        int claimed = w * h * 5 + 64 * 1024;                          // the most the rectangle allows, about 166 MB
        int sent = 100_000;
        byte[] arriving = new Bytes().s32(claimed).raw(new byte[sent]).toArray();
        StallingServer stallingServer = new StallingServer(arriving);
        DecoderFixture f = new DecoderFixture(4, 2);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                decoder.decode(new RfbInput(stallingServer), 0, 0, w, h, f.ctx);
            } catch (Throwable t) {
                ended.set(t);
            }
        }, "zrle-test-reader");
        reader.start();
        try {
            assertThat(stallingServer.stalled().await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(decoder.bufferCapacity()).as("bytes held for a block of which %d arrived", sent)
                    .isLessThanOrEqualTo(2 * sent + 64 * 1024);
        } finally {
            stallingServer.hangUp();
            reader.join(10_000);
        }
        assertThat(ended.get()).isInstanceOf(EOFException.class);
    }
}
