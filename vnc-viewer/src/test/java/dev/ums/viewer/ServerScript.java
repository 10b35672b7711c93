package dev.ums.viewer;

import dev.ums.rfb.PixelFormat;
import dev.ums.testkit.rfb.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

/**
 * A well-formed server side of a whole session, drawn from a {@link Random}: one of the handshakes the viewer speaks
 * (3.3, 3.7, 3.8; None, VNC authentication, VeNCrypt Plain), ServerInit, then a few server messages of every kind the
 * viewer reads, with rectangles of every encoding and pseudo-encoding in the session's pixel format (the encodings'
 * own bodies by {@link ScriptedRectangles}). Besides the bytes it notes where its numeric fields
 * ({@link ScriptedStream}) and its rectangles and messages lie, for mutations to aim at. With {@code garbled} set,
 * the contents inside the zlib streams (tile kinds, palette indices, run lengths) and the extended clipboard's stated
 * size are now and then random, so that they reach the decoders intact. One thread.
 */
final class ServerScript {
    /** Bytes [start, end): one rectangle or one message. */
    record Segment(int start, int end) {
    }

    final List<Segment> segments = new ArrayList<>();
    final VncSettings settings;
    final String description;
    /** Whether the handshake goes on into TLS, with a server hello that is noise: such a session ends there. */
    boolean tls;
    private final ScriptedStream out = new ScriptedStream();
    private final Bytes b = out.bytes();
    /** What the viewer sends in answer, as a recording holds it: the opening and its pixel format. */
    private final Bytes client = new Bytes();
    private final Random random;
    private final boolean garbled;
    private final PixelFormat format;
    private final ScriptedRectangles rectangles;
    private int width;
    private int height;

    private ServerScript(Random random, boolean garbled) {
        this.random = random;
        this.garbled = garbled;
        ColorDepth depth = ColorDepth.values()[random.nextInt(ColorDepth.values().length)];
        this.format = depth.wireFormat();
        this.rectangles = new ScriptedRectangles(out, random, garbled, format);
        this.settings = VncSettings.builder().colorDepth(depth).password("pw".toCharArray()).username("u")
                .clearTextPasswords(true)
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

    /** Where the numeric fields lie (lengths, counts, sizes, sub-encodings). */
    List<ScriptedStream.Field> fields() {
        return out.fields;
    }

    /** Where each rectangle header's width lies; its height follows in the next two bytes. */
    List<Integer> sizes() {
        return out.sizes;
    }

    private void end() {
        rectangles.end();
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
                byte[] record = rectangles.randomBytes(random.nextInt(300));
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
        // the server's own format; the viewer sets its own
        b.u8(32, 24, 0, 1).u16(255, 255, 255).u8(16, 8, 0, 0, 0, 0);
        String name = "desk-" + random.nextInt(1000);
        field(4).s32(name.length()).ascii(name);
    }

    private Bytes field(int size) {
        return out.field(size);
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
                byte[] text = ("clip " + random.nextInt(1000) + "\r\n\0").getBytes(StandardCharsets.UTF_8);
                Deflater d = new Deflater();
                int size = garbled && random.nextBoolean() ? 16 * 1024 * 1024 - random.nextInt(2) : text.length;
                byte[] plain = new Bytes().s32(size).raw(text).toArray();
                d.setInput(plain);
                d.finish();
                byte[] z = new byte[plain.length + 64];
                int n = d.deflate(z);
                d.end();
                payload.s32(0x10000001).raw(Arrays.copyOf(z, n));                        // provide: text
            }
        }
        byte[] p = payload.toArray();
        b.u8(3, 0, 0, 0);
        field(4).s32(-p.length);
        out.field(4);                                                                   // the flags
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


    private void rectangle() {
        int w = 1 + random.nextInt(width);
        int h = 1 + random.nextInt(height);
        int x = random.nextInt(width - w + 1);
        int y = random.nextInt(height - h + 1);
        switch (random.nextInt(12)) {
            case 0 -> {
                out.header(x, y, w, h, 0);
                rectangles.pixels(w * h * format.bytesPerPixel());
            }
            case 1 -> {
                out.header(x, y, w, h, 1);
                field(2).u16(random.nextInt(width - w + 1));
                field(2).u16(random.nextInt(height - h + 1));
            }
            case 2 -> rectangles.rre(x, y, w, h);
            case 3 -> rectangles.hextile(x, y, w, h);
            case 4, 5 -> rectangles.zrle(x, y, w, h);
            case 6, 7, 8 -> rectangles.tight(x, y, w, h, width, height);
            case 9 -> {
                int cw = random.nextInt(9);
                int ch = random.nextInt(9);
                out.header(random.nextInt(Math.max(1, cw)), random.nextInt(Math.max(1, ch)), cw, ch, -239);
                rectangles.pixels(cw * ch * format.bytesPerPixel());
                rectangles.pixels((cw + 7) / 8 * ch);
            }
            case 10 -> {
                width = 8 + random.nextInt(41);
                height = 8 + random.nextInt(25);
                if (random.nextBoolean()) {
                    out.header(0, 0, width, height, -223);
                } else {
                    out.header(0, 0, width, height, -308);
                    field(1).u8(1).u8(0, 0, 0).s32(0).u16(0, 0, width, height).s32(0);
                }
            }
            default -> {
                out.header(x, y, w, h, 0);                       // a second Raw rectangle in place of a rarer kind
                rectangles.pixels(w * h * format.bytesPerPixel());
            }
        }
    }









}
