package dev.ums.viewer.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.rfb.RfbInput;
import dev.ums.testkit.rfb.Bytes;
import dev.ums.viewer.VncProtocolException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Tight fill, basic compression with each filter, stream resets and JPEG, from annotated bytes. */
class TightDecoderTest {
    private final TightDecoder decoder = new TightDecoder();

    /** Tight's compact length, 1–3 bytes. */
    private static Bytes compact(Bytes b, int length) {
        if (length < 0x80) {
            return b.u8(length);
        }
        if (length < 0x4000) {
            return b.u8(0x80 | (length & 0x7f), length >> 7);
        }
        return b.u8(0x80 | (length & 0x7f), 0x80 | ((length >> 7) & 0x7f), length >> 14);
    }

    @Test
    void fill() throws Exception {
        DecoderFixture f = new DecoderFixture(4, 4);
        byte[] bytes = new Bytes().u8(0x80).tpixel(0x123456).toArray();   // control: fill
        assertThat(f.decode(decoder, bytes, 1, 1, 2, 2)).isZero();
        assertThat(f.at(1, 1)).isEqualTo(0x123456);
        assertThat(f.at(2, 2)).isEqualTo(0x123456);
        assertThat(f.at(0, 0)).isZero();
    }

    @Test
    void shortDataIsSentUncompressed() throws Exception {
        DecoderFixture f = new DecoderFixture(2, 1);
        byte[] bytes = new Bytes().u8(0x00)                 // basic, stream 0, no filter id
                .tpixel(0xff8000, 0x0080ff).toArray();      // 6 bytes < 12: raw
        assertThat(f.decode(decoder, bytes, 0, 0, 2, 1)).isZero();
        assertThat(f.fb.copyPixels()).containsExactly(0xff8000, 0x0080ff);
    }

    @Test
    void copyFilterCompressedOnStreamTwoThenReset() throws Exception {
        DecoderFixture f = new DecoderFixture(4, 2);
        Deflater d = new Deflater();
        byte[] data = new Bytes().tpixel(1, 2, 3, 4, 5, 6, 7, 8).toArray();
        byte[] z = Bytes.deflate(d, data);
        byte[] bytes = compact(new Bytes().u8(0x20), z.length).raw(z).toArray();   // stream 2
        assertThat(f.decode(decoder, bytes, 0, 0, 4, 2)).isZero();
        assertThat(f.fb.copyPixels()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

        byte[] fresh = Bytes.deflate(new Deflater(), new Bytes().tpixel(9, 9, 9, 9, 9, 9, 9, 9).toArray());
        byte[] reset = compact(new Bytes().u8(0x20 | 0x04), fresh.length).raw(fresh).toArray();   // reset stream 2
        f.decode(decoder, reset, 0, 0, 4, 2);
        assertThat(f.fb.copyPixels()).containsOnly(9);
    }

    @Test
    void twoColourPaletteUsesOneBitPerPixel() throws Exception {
        DecoderFixture f = new DecoderFixture(10, 2);
        byte[] bytes = new Bytes().u8(0x40 | 0x10)   // explicit filter, stream 1
                .u8(1)                               // filter: palette
                .u8(1).tpixel(0x000000, 0xffffff)    // 2 colours
                .u8(0b1000_0000, 0b0100_0000)        // row 0: 10 bits in 2 bytes
                .u8(0b0000_0000, 0b1100_0000)        // row 1; 4 bytes in total, so raw
                .toArray();
        assertThat(f.decode(decoder, bytes, 0, 0, 10, 2)).isZero();
        assertThat(f.at(0, 0)).isEqualTo(0xffffff);
        assertThat(f.at(1, 0)).isZero();
        assertThat(f.at(9, 0)).isEqualTo(0xffffff);
        assertThat(f.at(8, 1)).isEqualTo(0xffffff);
        assertThat(f.at(9, 1)).isEqualTo(0xffffff);
        assertThat(f.at(7, 1)).isZero();
    }

    /**
     * Every width from 1 to 41 (whole bytes, a partial last byte, both) at an offset inside a wider framebuffer, two
     * and five colours, against the palette read bit by bit and byte by byte; the pixels around stay untouched.
     */
    @Test
    void palettesOfEveryWidthMatchTheBitByBitReading() throws Exception {
        java.util.Random random = new java.util.Random(16);
        int[] colours = {0x102030, 0xfedcba, 0x00ff00, 0x123456, 0xabcdef};
        for (int count : new int[] {2, 5}) {
            for (int w = 1; w <= 41; w++) {
                int h = 3;
                int rowSize = count == 2 ? (w + 7) / 8 : w;
                byte[] indices = new byte[rowSize * h];
                random.nextBytes(indices);
                if (count > 2) {
                    for (int i = 0; i < indices.length; i++) {
                        indices[i] = (byte) Math.floorMod(indices[i], count);
                    }
                }
                Bytes palette = new Bytes().u8(0x40).u8(1).u8(count - 1);
                for (int c = 0; c < count; c++) {
                    palette.tpixel(colours[c]);
                }
                if (indices.length < 12) {
                    palette.raw(indices);                              // too short to compress
                } else {
                    byte[] z = Bytes.deflate(new Deflater(), indices);
                    compact(palette, z.length).raw(z);
                }
                DecoderFixture f = new DecoderFixture(50, 6);
                f.ctx.framebuffer().fill(0, 0, 50, 6, 0x777777);
                TightDecoder fresh = new TightDecoder();
                assertThat(f.decode(fresh, palette.toArray(), 3, 2, w, h)).isZero();
                for (int y = 0; y < 6; y++) {
                    for (int x = 0; x < 50; x++) {
                        int expected = 0x777777;
                        if (x >= 3 && x < 3 + w && y >= 2 && y < 2 + h) {
                            int c = x - 3;
                            int row = (y - 2) * rowSize;
                            expected = colours[count == 2 ? (indices[row + c / 8] >> (7 - c % 8)) & 1
                                    : indices[row + c]];
                        }
                        assertThat(f.at(x, y)).as("%d colours, width %d, pixel %d,%d", count, w, x, y)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void manyColourPaletteCompressed() throws Exception {
        DecoderFixture f = new DecoderFixture(4, 4);
        byte[] indices = {0, 1, 2, 3, 3, 2, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1};
        byte[] z = Bytes.deflate(new Deflater(), indices);
        byte[] bytes = compact(new Bytes().u8(0x40).u8(1).u8(3).tpixel(0xa, 0xb, 0xc, 0xd), z.length)
                .raw(z).toArray();
        assertThat(f.decode(decoder, bytes, 0, 0, 4, 4)).isZero();
        assertThat(f.fb.copyPixels()).containsExactly(0xa, 0xb, 0xc, 0xd, 0xd, 0xc, 0xb, 0xa,
                0xa, 0xa, 0xa, 0xa, 0xb, 0xb, 0xb, 0xb);
    }

    @Test
    void gradientFilterRestoresPixels() throws Exception {
        int w = 5;
        int h = 3;
        int[] image = new int[w * h];
        for (int i = 0; i < image.length; i++) {
            image[i] = ((i * 40) & 0xff) << 16 | ((255 - i * 17) & 0xff) << 8 | ((i * i * 3) & 0xff);
        }
        byte[] residuals = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < 3; k++) {
                    int shift = 16 - 8 * k;
                    int left = x > 0 ? (image[y * w + x - 1] >> shift) & 0xff : 0;
                    int up = y > 0 ? (image[(y - 1) * w + x] >> shift) & 0xff : 0;
                    int upLeft = x > 0 && y > 0 ? (image[(y - 1) * w + x - 1] >> shift) & 0xff : 0;
                    int prediction = Math.max(0, Math.min(255, left + up - upLeft));
                    residuals[(y * w + x) * 3 + k] = (byte) (((image[y * w + x] >> shift) & 0xff) - prediction);
                }
            }
        }
        byte[] z = Bytes.deflate(new Deflater(), residuals);
        byte[] bytes = compact(new Bytes().u8(0x40 | 0x30).u8(2), z.length).raw(z).toArray();   // stream 3, gradient
        DecoderFixture f = new DecoderFixture(w, h);
        assertThat(f.decode(decoder, bytes, 0, 0, w, h)).isZero();
        assertThat(f.fb.copyPixels()).containsExactly(image);
    }

    @Test
    void jpeg() throws Exception {
        BufferedImage img = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, x < 8 ? 0xc02020 : 0x2040c0);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", jpeg);
        byte[] bytes = compact(new Bytes().u8(0x90), jpeg.size()).raw(jpeg.toByteArray()).toArray();
        DecoderFixture f = new DecoderFixture(20, 10);
        assertThat(decoder.jpegDecoderMade()).as("nothing of JPEG is made before a JPEG rectangle comes").isFalse();
        assertThat(f.decode(decoder, bytes, 2, 1, 16, 8)).isZero();
        assertThat(decoder.jpegDecoderMade()).isTrue();
        assertThat(Math.abs((f.at(3, 2) >> 16) - 0xc0)).isLessThan(12);
        assertThat(Math.abs((f.at(15, 6) & 0xff) - 0xc0)).isLessThan(12);
        assertThat(f.at(0, 0)).isZero();
    }

    @Test
    void greyJpegHasOneComponentAndDecodesToGrey() throws Exception {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSamples(0, 0, 8, 8, 0, new int[64]);
        for (int i = 0; i < 64; i++) {
            img.getRaster().setSample(i % 8, i / 8, 0, 0x80);
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", jpeg);
        assertThat(TightJpeg.componentsOfFrame(jpeg.toByteArray(), jpeg.size(), 8, 8)).isEqualTo(1);
        byte[] bytes = compact(new Bytes().u8(0x90), jpeg.size()).raw(jpeg.toByteArray()).toArray();
        DecoderFixture f = new DecoderFixture(10, 10);
        assertThat(f.decode(decoder, bytes, 1, 1, 8, 8)).isZero();
        int pixel = f.at(4, 4);
        assertThat(pixel >> 16).isBetween(0x78, 0x88).isEqualTo((pixel >> 8) & 0xff).isEqualTo(pixel & 0xff);
    }

    /**
     * Xvnc's quality 9 is JPEG quality 100 without chroma subsampling, which codes noise in more than 4 bytes per pixel
     * (4.1 for 256×256 of random colours, 6.6 for 16×16): such a picture is accepted. Here a comment segment makes a
     * flat grey 16×16 picture 8 bytes per pixel plus 4 KiB long.
     */
    @Test
    void jpegLongerThanFourBytesPerPixelIsAccepted() throws Exception {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 256; i++) {
            img.setRGB(i % 16, i / 16, 0x808080);
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", plain);
        int comment = 16 * 16 * 8 + 4096;
        byte[] jpeg = new Bytes().raw(java.util.Arrays.copyOf(plain.toByteArray(), 2))   // SOI
                .u8(0xff, 0xfe).u16(comment + 2).raw(new byte[comment])                       // COM segment
                .raw(java.util.Arrays.copyOfRange(plain.toByteArray(), 2, plain.size())).toArray();
        assertThat(jpeg.length).isGreaterThan(16 * 16 * 4 + 4096);
        byte[] bytes = compact(new Bytes().u8(0x90), jpeg.length).raw(jpeg).toArray();
        DecoderFixture f = new DecoderFixture(18, 17);
        assertThat(f.decode(decoder, bytes, 1, 1, 16, 16)).isZero();
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 18; x++) {
                boolean inside = x >= 1 && x < 17 && y >= 1;
                assertThat(f.at(x, y)).as("pixel (%d, %d)", x, y).isEqualTo(inside ? 0x808080 : 0);
            }
        }
    }

    @Test
    void jpegLengthBeyondAnyPictureOfTheRectangleIsRejected() throws Exception {
        // 1×1 pixel: a length of 128 KiB is more than any JPEG of it needs, however coded.
        byte[] bytes = compact(new Bytes().u8(0x90), 128 * 1024).toArray();
        DecoderFixture f = new DecoderFixture(4, 4);
        assertThatThrownBy(() -> f.decode(decoder, bytes, 0, 0, 1, 1))
                .isInstanceOf(VncProtocolException.class)
                .hasMessage("The server sent an implausible JPEG length (131072 bytes).");
    }

    @Test
    void jpegOfWrongSizeOrCorruptIsRejected() throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpeg", jpeg);
        byte[] wrongSize = compact(new Bytes().u8(0x90), jpeg.size()).raw(jpeg.toByteArray()).toArray();
        DecoderFixture f = new DecoderFixture(20, 10);
        assertThatThrownBy(() -> f.decode(decoder, wrongSize, 0, 0, 16, 8))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("size");
        byte[] corrupt = new Bytes().u8(0x90, 4, 1, 2, 3, 4).toArray();
        assertThatThrownBy(() -> f.decode(decoder, corrupt, 0, 0, 16, 8))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("JPEG");
    }

    /**
     * A progressive JPEG of {@code w}×{@code h} followed by {@code scans} more scans of 12 bytes each: the first AC
     * band of the blue-difference component, all of it one end-of-band run, which makes the decoder walk every block
     * of that component for each scan. 100,000 of them (1.2 MB) kept the JDK's reader busy for 148 s at 512×512.
     */
    private static byte[] progressiveWithCheapScans(int w, int h, int scans) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream progressive = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(progressive)) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] picture = progressive.toByteArray();
        int blocks = ((w / 2 + 7) / 8) * ((h / 2 + 7) / 8);          // Cb, subsampled 2×2 by the JDK's writer
        int eob = 31 - Integer.numberOfLeadingZeros(blocks);         // EOBn: a run of 2^n plus n more bits
        int extra = blocks - (1 << eob);
        Bytes bomb = new Bytes().raw(java.util.Arrays.copyOf(picture, picture.length - 2))   // all but EOI
                .u8(0xff, 0xc4).u16(2 + 1 + 16 + 1)                  // DHT
                .u8(0x11)                                            // AC table 1
                .u8(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)  // one code of 1 bit ...
                .u8(eob << 4);                                       // ... for EOBn
        int bits = extra << (7 - eob);                               // '0', n bits of run, then 1s to the byte
        bits |= (1 << (7 - eob)) - 1;
        for (int i = 0; i < scans; i++) {
            bomb.u8(0xff, 0xda).u16(8)                               // SOS
                    .u8(1, 2, 0x01)                                  // one component: Cb, DC 0 / AC 1
                    .u8(1, 63, 0)                                    // band 1-63, first pass
                    .u8(bits);
        }
        return bomb.u8(0xff, 0xd9).toArray();                        // EOI
    }

    @Test
    void aProgressiveJpegIsRefusedBeforeItsScansAreDecoded() throws Exception {
        byte[] jpeg = progressiveWithCheapScans(64, 32, 2_000);
        byte[] bytes = compact(new Bytes().u8(0x90), jpeg.length).raw(jpeg).toArray();
        DecoderFixture f = new DecoderFixture(64, 32);
        assertThatThrownBy(() -> f.decode(decoder, bytes, 0, 0, 64, 32))
                .isInstanceOf(VncProtocolException.class)
                .hasMessage("The server sent a progressive or otherwise non-sequential JPEG picture, which Tight does "
                        + "not use.");
    }

    @Test
    void aSequentialJpegWithMoreScansThanComponentsIsRefusedBeforeItsScansAreDecoded() throws Exception {
        BufferedImage img = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream baseline = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", baseline);
        byte[] picture = baseline.toByteArray();
        Bytes bomb = new Bytes().raw(java.util.Arrays.copyOf(picture, picture.length - 2));   // all but EOI
        for (int i = 0; i < 2_000; i++) {
            bomb.u8(0xff, 0xda).u16(8).u8(1, 1, 0x00).u8(0, 63, 0);   // an empty scan of the first component
        }
        byte[] jpeg = bomb.u8(0xff, 0xd9).toArray();
        byte[] bytes = compact(new Bytes().u8(0x90), jpeg.length).raw(jpeg).toArray();
        DecoderFixture f = new DecoderFixture(64, 32);
        assertThatThrownBy(() -> f.decode(decoder, bytes, 0, 0, 64, 32))
                .isInstanceOf(VncProtocolException.class)
                .hasMessage("The server sent a JPEG picture with more scans than colour components, which Tight does "
                        + "not use.");
    }

    @Test
    void unknownFilterAndCompressionAreRejected() throws Exception {
        DecoderFixture f = new DecoderFixture(4, 4);
        assertThatThrownBy(() -> f.decode(decoder, new Bytes().u8(0x40, 7).toArray(), 0, 0, 4, 4))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("filter");
        assertThatThrownBy(() -> f.decode(decoder, new Bytes().u8(0xa0).toArray(), 0, 0, 4, 4))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("Tight");
    }

    @Test
    void blocksLargerThanTheFirstBuffersDecodeExactly() throws Exception {
        int w = 256;
        int h = 128;
        Random random = new Random(11);
        int[] expected = new int[w * h];
        Bytes tpixels = new Bytes();
        for (int i = 0; i < expected.length; i++) {
            expected[i] = random.nextInt(0x1000000);
            tpixels.tpixel(expected[i]);
        }
        byte[] z = Bytes.deflate(new Deflater(), tpixels.toArray());
        assertThat(z.length).as("noise does not compress: more than the first 64 KiB buffer").isGreaterThan(64 * 1024);
        byte[] bytes = compact(new Bytes().u8(0x00), z.length).raw(z).toArray();   // basic, stream 0, copy filter
        DecoderFixture f = new DecoderFixture(w, h);
        assertThat(f.decode(decoder, bytes, 0, 0, w, h)).isZero();
        assertThat(f.fb.copyPixels()).isEqualTo(expected);
    }

    @Test
    void aClaimedZlibBlockIsBufferedOnlyAsItsBytesArrive() throws Exception {
        int sent = 100_000;
        int claimed = (1 << 22) - 1;                      // the longest compact length; the rectangle allows more
        byte[] arriving = compact(new Bytes().u8(0x00), claimed).raw(new byte[sent]).toArray();
        assertThat(bytesHeldWhileStalled(arriving)).as("bytes held for a block of which %d arrived", sent)
                .isLessThanOrEqualTo(2 * sent + 3 * 64 * 1024);
    }

    @Test
    void aClaimedJpegIsBufferedOnlyAsItsBytesArrive() throws Exception {
        int sent = 100_000;
        int claimed = (1 << 22) - 1;
        byte[] arriving = compact(new Bytes().u8(0x90), claimed).raw(new byte[sent]).toArray();   // JPEG
        assertThat(bytesHeldWhileStalled(arriving)).as("bytes held for a JPEG of which %d arrived", sent)
                .isLessThanOrEqualTo(2 * sent + 3 * 64 * 1024);
    }

    /**
     * Feeds a 7680×4320 rectangle's first bytes and returns what the decoder and its context hold while the server
     * stalls; the rectangle then ends with the stream.
     */
    private long bytesHeldWhileStalled(byte[] arriving) throws Exception {
        StallingServer server = new StallingServer(arriving);
        DecoderFixture f = new DecoderFixture(4, 2);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                decoder.decode(new RfbInput(server), 0, 0, 7680, 4320, f.ctx);
            } catch (Throwable t) {
                ended.set(t);
            }
        }, "tight-test-reader");
        reader.start();
        long held;
        try {
            assertThat(server.stalled().await(10, TimeUnit.SECONDS)).isTrue();
            held = (long) decoder.bufferCapacity() + f.ctx.bytes(0).length;
        } finally {
            server.hangUp();
            reader.join(10_000);
        }
        assertThat(ended.get()).isInstanceOf(EOFException.class);
        return held;
    }
}
