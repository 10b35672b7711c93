package dev.ums.rfb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.rfb.Bytes;
import org.junit.jupiter.api.Test;

/** PIXEL_FORMAT on the wire, and the pixel sizes it implies. */
class PixelFormatTest {

    @Test
    void rgb888() throws Exception {
        Bytes wire = new Bytes()
                .u8(32, 24, 0, 1)             // bpp, depth, little-endian, true colour
                .u16(255, 255, 255)           // channel maxima
                .u8(16, 8, 0)                 // shifts
                .u8(0, 0, 0);                 // padding
        assertThat(PixelFormat.RGB888.encode()).isEqualTo(wire.toArray()).hasSize(PixelFormat.LENGTH);
        assertThat(Wire.decode(wire, PixelFormat::decode)).isEqualTo(PixelFormat.RGB888);
    }

    @Test
    void indexed8() throws Exception {
        Bytes wire = new Bytes().u8(8, 8, 0, 0).u16(0, 0, 0).u8(0, 0, 0).u8(0, 0, 0);   // colour map
        assertThat(PixelFormat.INDEXED8.encode()).isEqualTo(wire.toArray());
        assertThat(Wire.decode(wire, PixelFormat::decode).trueColor()).isFalse();
    }

    @Test
    void cpixelIsThreeBytesWhenTheColoursFitInThreeOfThePixelsFour() {
        assertThat(PixelFormat.RGB888.cpixelBytes()).isEqualTo(3);
        assertThat(PixelFormat.RGB888.cpixelFitsLow24()).isTrue();
        PixelFormat high = new PixelFormat(32, 24, true, true, 255, 255, 255, 24, 16, 8);   // 0xRRGGBB00
        assertThat(high.cpixelBytes()).isEqualTo(3);
        assertThat(high.cpixelFitsLow24()).isFalse();
        PixelFormat spread = new PixelFormat(32, 24, false, true, 255, 255, 255, 24, 8, 0);  // a channel in each byte
        assertThat(spread.cpixelBytes()).isEqualTo(4);
        PixelFormat deep = new PixelFormat(32, 30, false, true, 1023, 1023, 1023, 20, 10, 0);
        assertThat(deep.cpixelBytes()).isEqualTo(4);
        assertThat(PixelFormat.RGB565.cpixelBytes()).isEqualTo(2);
        assertThat(PixelFormat.INDEXED8.cpixelBytes()).isEqualTo(1);
    }

    @Test
    void tightsThreeByteTpixelNeedsEightBitChannels() {
        assertThat(PixelFormat.RGB888.is888()).isTrue();
        assertThat(PixelFormat.RGB565.is888()).isFalse();
        assertThat(new PixelFormat(32, 24, false, true, 127, 255, 255, 16, 8, 0).is888()).isFalse();
    }
}
