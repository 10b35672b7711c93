package dev.ums.viewer.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.rfb.PixelFormat;
import dev.ums.rfb.RfbInput;
import dev.ums.testkit.rfb.Bytes;
import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncProtocolException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Tight JPEG decoded on worker threads keeps the order of the rectangles in an update. */
class JpegWorkersTest {
    private static final int TIGHT = 7;
    private static final int COPY_RECT = 1;

    private static byte[] jpeg(int w, int h, int rgb) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    /** A Tight JPEG rectangle: header, control byte, compact length, data. */
    private static Bytes jpegRect(Bytes b, int x, int y, int w, int h, byte[] data) {
        b.u16(x, y, w, h).s32(TIGHT).u8(0x90);
        int n = data.length;
        if (n < 0x80) {
            b.u8(n);
        } else if (n < 0x4000) {
            b.u8(0x80 | (n & 0x7f), n >> 7);
        } else {
            b.u8(0x80 | (n & 0x7f), 0x80 | ((n >> 7) & 0x7f), n >> 14);
        }
        return b.raw(data);
    }

    private static void read(byte[] update, Framebuffer fb, DecodeContext ctx) throws Exception {
        new FramebufferUpdateReader().read(new RfbInput(new ByteArrayInputStream(update)), ctx,
                new FramebufferUpdateReader.Result(), c -> { });
    }

    private static int red(Framebuffer fb, int x, int y) {
        return fb.pixels()[y * fb.width() + x] >> 16 & 0xff;
    }

    @Test
    void laterRectanglesOverlappingPendingJpegWinAndTheUpdateEndsComplete() throws Exception {
        Framebuffer fb = new Framebuffer();
        fb.resize(64, 32);
        try (DecodeContext ctx = new DecodeContext(fb, new PixelReader(PixelFormat.RGB888), 2, "test")) {
            for (int round = 0; round < 50; round++) {
                Bytes update = new Bytes().u8(0).u16(4);
                jpegRect(update, 0, 0, 32, 32, jpeg(32, 32, 0xf00000));          // left half red
                jpegRect(update, 32, 0, 32, 32, jpeg(32, 32, 0x000000));         // right half black
                update.u16(8, 8, 8, 8).s32(TIGHT).u8(0x80).tpixel(0x00ff00);     // fill inside the red JPEG
                update.u16(40, 8, 8, 8).s32(COPY_RECT).u16(0, 0);                 // copy from the red JPEG
                read(update.toArray(), fb, ctx);
                assertThat(red(fb, 2, 2)).as("JPEG written").isGreaterThan(0xe0);
                assertThat(fb.pixels()[10 * 64 + 10]).as("fill after the JPEG it overlaps").isEqualTo(0x00ff00);
                assertThat(red(fb, 42, 10)).as("copied from the finished JPEG").isGreaterThan(0xe0);
                assertThat(red(fb, 60, 30)).as("right JPEG written").isLessThan(0x10);
                fb.fill(0, 0, 64, 32, 0x0000ff);
            }
        }
    }

    @Test
    void corruptJpegOnAWorkerEndsTheUpdateWithTheReason() throws Exception {
        Framebuffer fb = new Framebuffer();
        fb.resize(16, 16);
        try (DecodeContext ctx = new DecodeContext(fb, new PixelReader(PixelFormat.RGB888), 2, "test")) {
            Bytes update = new Bytes().u8(0).u16(1);
            jpegRect(update, 0, 0, 16, 16, new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3, 4});
            assertThatThrownBy(() -> read(update.toArray(), fb, ctx))
                    .isInstanceOf(VncProtocolException.class).hasMessageContaining("JPEG");
        }
    }
}
