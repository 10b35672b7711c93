package dev.ums.viewer;

import dev.ums.rfb.PixelFormat;
import dev.ums.testkit.rfb.Bytes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * The bodies of {@link ServerScript}'s rectangles in the encodings that have one of their own (RRE, Hextile, ZRLE,
 * Tight with its fill, JPEG and zlib kinds), drawn from the script's {@link Random} and written with their headers
 * into its {@link ScriptedStream}, the zlib streams carried from rectangle to rectangle as a server's are. With
 * {@code garbled} set, the contents inside the zlib streams (tile kinds, palette indices, run lengths) are now and
 * then random. One thread.
 */
final class ScriptedRectangles {
    private static final int[][] JPEG_SIZES = {{16, 8}, {8, 8}, {24, 16}};
    private static final byte[][] JPEGS = new byte[JPEG_SIZES.length][];

    static {
        Random pixels = new Random(7);
        for (int i = 0; i < JPEG_SIZES.length; i++) {
            BufferedImage image = new BufferedImage(JPEG_SIZES[i][0], JPEG_SIZES[i][1], BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    image.setRGB(x, y, pixels.nextInt(0x1000000));
                }
            }
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "jpg", jpeg);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JPEGS[i] = jpeg.toByteArray();
        }
    }

    private final ScriptedStream out;
    private final Random random;
    private final boolean garbled;
    private final PixelFormat format;
    private final int tpixel;
    private final Deflater zrle = new Deflater();
    private final Deflater[] streams = {new Deflater(), new Deflater(), new Deflater(), new Deflater()};

    ScriptedRectangles(ScriptedStream out, Random random, boolean garbled, PixelFormat format) {
        this.out = out;
        this.random = random;
        this.garbled = garbled;
        this.format = format;
        this.tpixel = format.is888() ? 3 : format.bytesPerPixel();
    }

    /** Frees the zlib streams' deflaters once the script is written. */
    void end() {
        zrle.end();
        for (Deflater d : streams) {
            d.end();
        }
    }

    void pixels(int n) {
        byte[] p = new byte[n];
        random.nextBytes(p);
        out.bytes().raw(p);
    }

    byte[] randomBytes(int n) {
        byte[] p = new byte[n];
        random.nextBytes(p);
        return p;
    }

    void rre(int x, int y, int w, int h) {
        out.header(x, y, w, h, 2);
        int count = random.nextInt(Math.min(5, w * h + 1));
        out.field(4).s32(count);
        pixels(format.bytesPerPixel());
        for (int i = 0; i < count; i++) {
            pixels(format.bytesPerPixel());
            int sw = 1 + random.nextInt(w);
            int sh = 1 + random.nextInt(h);
            out.field(2).u16(random.nextInt(w - sw + 1));
            out.field(2).u16(random.nextInt(h - sh + 1));
            out.field(2).u16(sw);
            out.field(2).u16(sh);
        }
    }

    void hextile(int x, int y, int w, int h) {
        out.header(x, y, w, h, 5);
        int bpp = format.bytesPerPixel();
        for (int ty = 0; ty < h; ty += 16) {
            int th = Math.min(16, h - ty);
            for (int tx = 0; tx < w; tx += 16) {
                int tw = Math.min(16, w - tx);
                int kind = random.nextInt(4);
                int mask = switch (kind) {
                    case 0 -> 1;                         // raw
                    case 1 -> 2;                         // background only
                    case 2 -> 2 | 4 | 8;                 // background, foreground, sub-rectangles
                    default -> 2 | 8 | 16;               // background, coloured sub-rectangles
                };
                out.field(1).u8(mask);
                if (kind == 0) {
                    pixels(tw * th * bpp);
                    continue;
                }
                pixels(bpp);
                if (kind == 1) {
                    continue;
                }
                if (kind == 2) {
                    pixels(bpp);
                }
                int count = random.nextInt(4);
                out.field(1).u8(count);
                for (int i = 0; i < count; i++) {
                    if (kind == 3) {
                        pixels(bpp);
                    }
                    int sw = 1 + random.nextInt(tw);
                    int sh = 1 + random.nextInt(th);
                    out.field(1).u8(random.nextInt(tw - sw + 1) << 4 | random.nextInt(th - sh + 1));
                    out.field(1).u8((sw - 1) << 4 | (sh - 1));
                }
            }
        }
    }

    /** A value inside the zlib data: the right one, or now and then (when garbled) any byte. */
    private int inner(int valid) {
        return garbled && random.nextInt(40) == 0 ? random.nextInt(256) : valid;
    }

    void zrle(int x, int y, int w, int h) {
        out.header(x, y, w, h, 16);
        int cp = format.cpixelBytes();
        Bytes tiles = new Bytes();
        for (int ty = 0; ty < h; ty += 64) {
            int th = Math.min(64, h - ty);
            for (int tx = 0; tx < w; tx += 64) {
                int tw = Math.min(64, w - tx);
                int n = tw * th;
                int kind = random.nextInt(5);
                switch (kind) {
                    case 0 -> tiles.u8(inner(0)).raw(randomBytes(n * cp));
                    case 1 -> tiles.u8(inner(1)).raw(randomBytes(cp));
                    case 2 -> {
                        int colours = 2 + random.nextInt(15);
                        int bits = colours <= 2 ? 1 : colours <= 4 ? 2 : 4;
                        tiles.u8(inner(colours)).raw(randomBytes(colours * cp));
                        for (int row = 0; row < th; row++) {
                            int acc = 0;
                            int used = 0;
                            for (int col = 0; col < tw; col++) {
                                acc = acc << bits | random.nextInt(colours);
                                used += bits;
                                if (used == 8) {
                                    tiles.u8(inner(acc));
                                    acc = 0;
                                    used = 0;
                                }
                            }
                            if (used > 0) {
                                tiles.u8(inner(acc << (8 - used)));
                            }
                        }
                    }
                    case 3 -> {
                        tiles.u8(inner(128));
                        for (int left = n; left > 0; ) {
                            int run = 1 + random.nextInt(Math.min(left, 600));
                            tiles.raw(randomBytes(cp));
                            runLength(tiles, run);
                            left -= run;
                        }
                    }
                    default -> {
                        int colours = 2 + random.nextInt(126);
                        tiles.u8(inner(128 + colours)).raw(randomBytes(colours * cp));
                        for (int left = n; left > 0; ) {
                            int run = 1 + random.nextInt(Math.min(left, 300));
                            int index = random.nextInt(colours);
                            if (run == 1) {
                                tiles.u8(inner(index));
                            } else {
                                tiles.u8(inner(index | 128));
                                runLength(tiles, run);
                            }
                            left -= run;
                        }
                    }
                }
            }
        }
        byte[] z = Bytes.deflate(zrle, tiles.toArray());
        out.field(4).s32(z.length).raw(z);
    }

    private void runLength(Bytes tiles, int run) {
        int rest = run - 1;
        while (rest >= 255) {
            tiles.u8(inner(255));
            rest -= 255;
        }
        tiles.u8(inner(rest));
    }

    void tight(int x, int y, int w, int h, int width, int height) {
        int kind = random.nextInt(5);
        if (kind == 0) {
            out.header(x, y, w, h, 7);
            out.field(1).u8(0x80);
            pixels(tpixel);
            return;
        }
        if (kind == 1) {
            int[] size = JPEG_SIZES[random.nextInt(JPEG_SIZES.length)];
            if (size[0] <= width && size[1] <= height) {
                byte[] jpeg = JPEGS[Arrays.asList(JPEG_SIZES).indexOf(size)];
                out.header(random.nextInt(width - size[0] + 1), random.nextInt(height - size[1] + 1), size[0], size[1],
                        7);
                out.field(1).u8(0x90);
                compact(jpeg.length);
                out.bytes().raw(jpeg);
                return;
            }
        }
        out.header(x, y, w, h, 7);
        int stream = random.nextInt(4);
        int reset = random.nextInt(4) == 0 ? 1 << stream : 0;
        if (reset != 0) {
            streams[stream].end();
            streams[stream] = new Deflater();
        }
        int filter = kind == 1 ? 0 : kind - 2;           // copy, palette or gradient
        boolean explicit = filter != 0 || random.nextBoolean();
        out.field(1).u8((explicit ? 0x40 : 0) | stream << 4 | reset);
        if (explicit) {
            out.field(1).u8(filter);
        }
        byte[] data;
        if (filter == 1) {
            int colours = 2 + random.nextInt(random.nextBoolean() ? 1 : 255);
            out.field(1).u8(colours - 1);
            pixels(colours * tpixel);
            int rowSize = colours == 2 ? (w + 7) / 8 : w;
            data = new byte[rowSize * h];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (colours == 2 ? random.nextInt(256) : inner(random.nextInt(colours)));
            }
        } else {
            data = randomBytes(w * h * tpixel);
        }
        if (data.length < 12) {
            out.bytes().raw(data);
        } else {
            byte[] z = Bytes.deflate(streams[stream], data);
            compact(z.length);
            out.bytes().raw(z);
        }
    }

    private void compact(int length) {
        Bytes b = out.field(1);
        if (length < 0x80) {
            b.u8(length);
        } else if (length < 0x4000) {
            b.u8(0x80 | (length & 0x7f), length >> 7);
        } else {
            b.u8(0x80 | (length & 0x7f), 0x80 | ((length >> 7) & 0x7f), length >> 14);
        }
    }
}
