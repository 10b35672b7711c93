package dev.ums.viewer;

import dev.ums.rfb.PixelFormat;
import dev.ums.testkit.rfb.Bytes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * A well-formed server side of a whole session, drawn from a {@link Random}: one of the handshakes the viewer speaks
 * (3.3, 3.7, 3.8; None, VNC authentication, VeNCrypt Plain), ServerInit, then a few server messages of every kind the
 * viewer reads, with rectangles of every encoding and pseudo-encoding in the session's pixel format, and the zlib
 * streams carried from rectangle to rectangle as a server's are. Besides the bytes it notes where its numeric fields
 * (lengths, counts, sizes, sub-encodings) and its rectangles and messages lie, for mutations to aim at. With
 * {@code garbled} set, the contents inside the zlib streams (tile kinds, palette indices, run lengths) are now and
 * then random, so that they reach the decoders intact. One thread.
 */
final class ServerScript {
    /** A field at {@code offset} of {@code size} bytes (1, 2 or 4). */
    record Field(int offset, int size) {
    }

    /** Bytes [start, end): one rectangle or one message. */
    record Segment(int start, int end) {
    }

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

    final List<Field> fields = new ArrayList<>();
    final List<Segment> segments = new ArrayList<>();
    /** Where each rectangle header's width lies; its height follows in the next two bytes. */
    final List<Integer> sizes = new ArrayList<>();
    final VncSettings settings;
    final String description;
    /** Whether the handshake goes on into TLS, with a server hello that is noise: such a session ends there. */
    boolean tls;
    private final Bytes b = new Bytes();
    /** What the viewer sends in answer, as a recording holds it: the opening and its pixel format. */
    private final Bytes client = new Bytes();
    private final Random random;
    private final boolean garbled;
    private final PixelFormat format;
    private final int tpixel;
    private final Deflater zrle = new Deflater();
    private final Deflater[] tight = {new Deflater(), new Deflater(), new Deflater(), new Deflater()};
    private int width;
    private int height;

    private ServerScript(Random random, boolean garbled) {
        this.random = random;
        this.garbled = garbled;
        ColorDepth depth = ColorDepth.values()[random.nextInt(ColorDepth.values().length)];
        this.format = depth.wireFormat();
        this.tpixel = format.is888() ? 3 : format.bytesPerPixel();
        this.settings = VncSettings.builder().colorDepth(depth).password("pw".toCharArray()).username("u")
                .jpegQuality(random.nextBoolean() ? VncSettings.LOSSLESS : VncSettings.AUTO)
                .continuousUpdates(random.nextBoolean()).jpegThreads(random.nextInt(4) == 0 ? 1 : 0).build();
        this.description = depth.name() + (settings.jpegThreads() > 0 ? ", JPEG on a worker" : "");
    }

    /** A whole session: handshake, ServerInit and 1 to 6 messages. */
    static ServerScript draw(Random random, boolean garbled) {
        ServerScript s = new ServerScript(random, garbled);
        s.handshake();
        s.serverInit();
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            s.message();
        }
        s.end();
        return s;
    }

    byte[] bytes() {
        return b.toArray();
    }

    /** The client's side of the opening: version, security choice and answer, ClientInit, SetPixelFormat. */
    byte[] clientBytes() {
        return client.toArray();
    }

    private void end() {
        zrle.end();
        for (Deflater d : tight) {
            d.end();
        }
    }

    private void handshake() {
        byte[] response = new byte[16];
        switch (random.nextInt(9)) {
            case 0 -> {
                b.ascii("RFB 003.003\n").s32(1);                                       // None, imposed
                client.ascii("RFB 003.003\n");
            }
            case 1 -> {
                b.ascii("RFB 003.003\n").s32(2).raw(challenge()).s32(0);               // VNC authentication
                client.ascii("RFB 003.003\n").raw(response);
            }
            case 2 -> {
                count(b.ascii("RFB 003.007\n")).u8(1);                                 // None, no result
                client.ascii("RFB 003.007\n").u8(1);
            }
            case 3 -> {
                count(b.ascii("RFB 003.007\n")).u8(2).raw(challenge()).s32(0);
                client.ascii("RFB 003.007\n").u8(2).raw(response);
            }
            case 4 -> {
                count(b.ascii("RFB 003.008\n")).u8(1).s32(0);
                client.ascii("RFB 003.008\n").u8(1);
            }
            case 5 -> {
                count(b.ascii("RFB 003.008\n")).u8(2).raw(challenge()).s32(0);
                client.ascii("RFB 003.008\n").u8(2).raw(response);
            }
            case 6 -> {
                b.ascii("RFB 003.008\n");
                field(1).u8(2).u8(2, 1).s32(0);                                            // offers VncAuth, None
                client.ascii("RFB 003.008\n").u8(1);
            }
            case 7 -> {
                count(b.ascii("RFB 003.008\n")).u8(19).u8(0, 2).u8(0);                   // VeNCrypt 0.2, accepted
                field(1).u8(1).s32(256).s32(0);                                            // Plain; then OK
                client.ascii("RFB 003.008\n").u8(19).u8(0, 2).s32(256).s32(1, 2).ascii("upw");
            }
            default -> {
                count(b.ascii("RFB 003.008\n")).u8(19).u8(0, 2).u8(0);
                int kind = random.nextBoolean() ? 257 : 260;
                field(1).u8(1).s32(kind).u8(1);                                            // TLSNone or X509None, go
                tls = true;
                b.u8(0x16, 3, 3);                                                          // a TLS record: handshake
                byte[] record = randomBytes(random.nextInt(300));
                field(2).u16(record.length).raw(record);
                client.ascii("RFB 003.008\n").u8(19).u8(0, 2).s32(kind);
            }
        }
        client.u8(1).u8(0, 0, 0, 0).raw(format.encode());                                 // ClientInit, SetPixelFormat
    }

    /** One security type offered: the count is a field. */
    private Bytes count(Bytes bytes) {
        return field(1).u8(1);
    }

    private byte[] challenge() {
        byte[] c = new byte[16];
        random.nextBytes(c);
        return c;
    }

    private void serverInit() {
        width = 8 + random.nextInt(41);
        height = 8 + random.nextInt(25);
        field(2).u16(width);
        field(2).u16(height);
        b.u8(32, 24, 0, 1).u16(255, 255, 255).u8(16, 8, 0, 0, 0, 0);   // the server's own format; the viewer sets its own
        String name = "desk-" + random.nextInt(1000);
        field(4).s32(name.length()).ascii(name);
    }

    private Bytes field(int size) {
        fields.add(new Field(b.size(), size));
        return b;
    }

    private void message() {
        int start = b.size();
        switch (random.nextInt(12)) {
            case 0, 1, 2, 3, 4, 5 -> update();
            case 6 -> {
                int first = random.nextInt(200);
                int count = random.nextInt(256 - first);
                b.u8(1, 0);
                field(2).u16(first);
                field(2).u16(count);
                for (int i = 0; i < count * 3; i++) {
                    b.u16(random.nextInt(0x10000));
                }
            }
            case 7 -> b.u8(2);                                                          // Bell
            case 8 -> {
                String text = "text " + random.nextInt(100000);
                b.u8(3, 0, 0, 0);
                field(4).s32(text.length()).ascii(text);
            }
            case 9 -> extendedClipboard();
            case 10 -> b.u8(150);                                                       // EndOfContinuousUpdates
            default -> {
                byte[] payload = new byte[random.nextInt(65)];
                random.nextBytes(payload);
                b.u8(248, 0, 0, 0).s32(random.nextBoolean() ? 0x80000000 | 3 : 0);
                field(1).u8(payload.length).raw(payload);
            }
        }
        segments.add(new Segment(start, b.size()));
    }

    private void extendedClipboard() {
        Bytes payload = new Bytes();
        switch (random.nextInt(3)) {
            case 0 -> payload.s32(0x1f000001).s32(16 * 1024 * 1024);                  // caps: all actions, text
            case 1 -> payload.s32(0x08000001);                                          // notify: text
            default -> {
                byte[] text = ("clip " + random.nextInt(1000) + "\r\n\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                Deflater d = new Deflater();
                int size = garbled && random.nextBoolean() ? 16 * 1024 * 1024 - random.nextInt(2) : text.length;
                byte[] plain = new Bytes().s32(size).raw(text).toArray();
                d.setInput(plain);
                d.finish();
                byte[] z = new byte[plain.length + 64];
                int n = d.deflate(z);
                d.end();
                payload.s32(0x10000001).raw(java.util.Arrays.copyOf(z, n));              // provide: text
            }
        }
        byte[] p = payload.toArray();
        b.u8(3, 0, 0, 0);
        field(4).s32(-p.length);
        fields.add(new Field(b.size(), 4));                                             // the flags
        b.raw(p);
    }

    private void update() {
        boolean lastRect = random.nextInt(5) == 0;
        int rects = 1 + random.nextInt(3);
        b.u8(0, 0);
        field(2).u16(lastRect ? 0xffff : rects);
        for (int i = 0; i < rects; i++) {
            int start = b.size();
            rectangle();
            segments.add(new Segment(start, b.size()));
        }
        if (lastRect) {
            b.u16(0, 0, 0, 0).s32(-224);
        }
    }

    private void header(int x, int y, int w, int h, int encoding) {
        field(2).u16(x);
        field(2).u16(y);
        sizes.add(b.size());
        field(2).u16(w);
        field(2).u16(h);
        field(4).s32(encoding);
    }

    private void rectangle() {
        int w = 1 + random.nextInt(width);
        int h = 1 + random.nextInt(height);
        int x = random.nextInt(width - w + 1);
        int y = random.nextInt(height - h + 1);
        switch (random.nextInt(12)) {
            case 0 -> {
                header(x, y, w, h, 0);
                pixels(w * h * format.bytesPerPixel());
            }
            case 1 -> {
                header(x, y, w, h, 1);
                field(2).u16(random.nextInt(width - w + 1));
                field(2).u16(random.nextInt(height - h + 1));
            }
            case 2 -> rre(x, y, w, h);
            case 3 -> hextile(x, y, w, h);
            case 4, 5 -> zrle(x, y, w, h);
            case 6, 7, 8 -> tight(x, y, w, h);
            case 9 -> {
                int cw = random.nextInt(9);
                int ch = random.nextInt(9);
                header(random.nextInt(Math.max(1, cw)), random.nextInt(Math.max(1, ch)), cw, ch, -239);
                pixels(cw * ch * format.bytesPerPixel());
                pixels((cw + 7) / 8 * ch);
            }
            case 10 -> {
                width = 8 + random.nextInt(41);
                height = 8 + random.nextInt(25);
                if (random.nextBoolean()) {
                    header(0, 0, width, height, -223);
                } else {
                    header(0, 0, width, height, -308);
                    field(1).u8(1).u8(0, 0, 0).s32(0).u16(0, 0, width, height).s32(0);
                }
            }
            default -> {
                header(x, y, w, h, 0);                       // a second Raw rectangle in place of a rarer kind
                pixels(w * h * format.bytesPerPixel());
            }
        }
    }

    private void pixels(int n) {
        byte[] p = new byte[n];
        random.nextBytes(p);
        b.raw(p);
    }

    private byte[] randomBytes(int n) {
        byte[] p = new byte[n];
        random.nextBytes(p);
        return p;
    }

    private void rre(int x, int y, int w, int h) {
        header(x, y, w, h, 2);
        int count = random.nextInt(Math.min(5, w * h + 1));
        field(4).s32(count);
        pixels(format.bytesPerPixel());
        for (int i = 0; i < count; i++) {
            pixels(format.bytesPerPixel());
            int sw = 1 + random.nextInt(w);
            int sh = 1 + random.nextInt(h);
            field(2).u16(random.nextInt(w - sw + 1));
            field(2).u16(random.nextInt(h - sh + 1));
            field(2).u16(sw);
            field(2).u16(sh);
        }
    }

    private void hextile(int x, int y, int w, int h) {
        header(x, y, w, h, 5);
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
                field(1).u8(mask);
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
                field(1).u8(count);
                for (int i = 0; i < count; i++) {
                    if (kind == 3) {
                        pixels(bpp);
                    }
                    int sw = 1 + random.nextInt(tw);
                    int sh = 1 + random.nextInt(th);
                    field(1).u8(random.nextInt(tw - sw + 1) << 4 | random.nextInt(th - sh + 1));
                    field(1).u8((sw - 1) << 4 | (sh - 1));
                }
            }
        }
    }

    /** A value inside the zlib data: the right one, or now and then (when garbled) any byte. */
    private int inner(int valid) {
        return garbled && random.nextInt(40) == 0 ? random.nextInt(256) : valid;
    }

    private void zrle(int x, int y, int w, int h) {
        header(x, y, w, h, 16);
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
        field(4).s32(z.length).raw(z);
    }

    private void runLength(Bytes tiles, int run) {
        int rest = run - 1;
        while (rest >= 255) {
            tiles.u8(inner(255));
            rest -= 255;
        }
        tiles.u8(inner(rest));
    }

    private void tight(int x, int y, int w, int h) {
        int kind = random.nextInt(5);
        if (kind == 0) {
            header(x, y, w, h, 7);
            field(1).u8(0x80);
            pixels(tpixel);
            return;
        }
        if (kind == 1) {
            int[] size = JPEG_SIZES[random.nextInt(JPEG_SIZES.length)];
            if (size[0] <= width && size[1] <= height) {
                byte[] jpeg = JPEGS[java.util.Arrays.asList(JPEG_SIZES).indexOf(size)];
                header(random.nextInt(width - size[0] + 1), random.nextInt(height - size[1] + 1), size[0], size[1], 7);
                field(1).u8(0x90);
                compact(jpeg.length);
                b.raw(jpeg);
                return;
            }
        }
        header(x, y, w, h, 7);
        int stream = random.nextInt(4);
        int reset = random.nextInt(4) == 0 ? 1 << stream : 0;
        if (reset != 0) {
            tight[stream].end();
            tight[stream] = new Deflater();
        }
        int filter = kind == 1 ? 0 : kind - 2;           // copy, palette or gradient
        boolean explicit = filter != 0 || random.nextBoolean();
        field(1).u8((explicit ? 0x40 : 0) | stream << 4 | reset);
        if (explicit) {
            field(1).u8(filter);
        }
        byte[] data;
        if (filter == 1) {
            int colours = 2 + random.nextInt(random.nextBoolean() ? 1 : 255);
            field(1).u8(colours - 1);
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
            b.raw(data);
        } else {
            byte[] z = Bytes.deflate(tight[stream], data);
            compact(z.length);
            b.raw(z);
        }
    }

    private void compact(int length) {
        field(1);
        if (length < 0x80) {
            b.u8(length);
        } else if (length < 0x4000) {
            b.u8(0x80 | (length & 0x7f), length >> 7);
        } else {
            b.u8(0x80 | (length & 0x7f), 0x80 | ((length >> 7) & 0x7f), length >> 14);
        }
    }
}
