package dev.ums.viewer.internal.encoding;

import dev.ums.rfb.RfbInput;
import dev.ums.viewer.VncProtocolException;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.zip.Inflater;

/**
 * Tight encoding: fill, JPEG, or zlib-compressed data on one of four session-long streams,
 * optionally through the palette or gradient filter. Data shorter than 12 bytes is sent
 * uncompressed, as the protocol requires. The compressed block, the JPEG picture and the inflated data are buffered
 * as they arrive ({@link ArrivingBlock}), never from the lengths the server claims. Used by the thread reading the
 * session only, which also closes it.
 */
public final class TightDecoder implements RectDecoder {
    private static final int FILL = 8;
    private static final int JPEG = 9;
    private static final int FILTER_COPY = 0;
    private static final int FILTER_PALETTE = 1;
    private static final int FILTER_GRADIENT = 2;
    private static final int MIN_TO_COMPRESS = 12;
    /** The largest value Tight's compact length can carry (7 + 7 + 8 bits). */
    private static final int MAX_COMPACT_LENGTH = (1 << 22) - 1;

    private final ZlibStream[] streams = new ZlibStream[4];
    private final int[] palette = new int[256];
    /**
     * Made at the first JPEG rectangle, on the reading thread: it may load libjpeg-turbo and open a TurboJPEG handle,
     * which a session built on the Swing event thread must not do there.
     */
    private TightJpeg jpeg;
    private final ArrivingBlock compressed = new ArrivingBlock();
    private final ArrivingBlock inflated = new ArrivingBlock();

    public TightDecoder() {
        this(Inflater::new);
    }

    /** With {@code inflaters} making the zlib streams' {@link Inflater}s. */
    TightDecoder(Supplier<Inflater> inflaters) {
        for (int i = 0; i < streams.length; i++) {
            streams[i] = new ZlibStream("Tight", inflaters);
        }
    }

    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, DecodeContext ctx) throws IOException {
        int control = in.u8();
        for (int i = 0; i < 4; i++) {
            if ((control & (1 << i)) != 0) {
                streams[i].reset();
            }
        }
        int type = control >> 4;
        PixelReader pr = ctx.pixels();
        if (type == FILL) {
            byte[] px = ctx.bytes(4);
            in.readFully(px, 0, pr.tpixelSize());
            ctx.framebuffer().fill(x, y, w, h, pr.tpixel(px, 0));
        } else if (type == JPEG) {
            int length = compactLength(in, maxJpegLength(w, h), "JPEG");
            byte[] bytes = compressed.read(in::readFully, length);
            ctx.jpegDecoded(y, h);
            JpegWorkers workers = ctx.jpegWorkers();
            if (workers != null) {
                workers.submit(bytes, length, x, y, w, h, ctx.framebuffer());
            } else {
                if (jpeg == null) {
                    jpeg = new TightJpeg();
                }
                jpeg.decode(bytes, length, x, y, w, h, ctx.framebuffer());
            }
        } else if (type > JPEG) {
            throw new VncProtocolException("The server sent a Tight rectangle of an unsupported kind (" + type + ").");
        } else {
            int filter = (type & 4) != 0 ? in.u8() : FILTER_COPY;
            decodeBasic(in, streams[type & 3], filter, x, y, w, h, ctx);
        }
    }

    private void decodeBasic(RfbInput in, ZlibStream stream, int filter, int x, int y, int w, int h,
                             DecodeContext ctx) throws IOException {
        PixelReader pr = ctx.pixels();
        int tsize = pr.tpixelSize();
        int colours = 0;
        int rowSize;
        if (filter == FILTER_PALETTE) {
            colours = in.u8() + 1;
            byte[] px = ctx.bytes(colours * tsize);
            in.readFully(px, 0, colours * tsize);
            for (int i = 0; i < colours; i++) {
                palette[i] = pr.tpixel(px, i * tsize);
            }
            rowSize = colours == 2 ? (w + 7) / 8 : w;
        } else if (filter == FILTER_COPY || filter == FILTER_GRADIENT) {
            rowSize = w * tsize;
        } else {
            throw new VncProtocolException("The server sent an unknown Tight filter (" + filter + ").");
        }
        int size = rowSize * h;
        byte[] data;
        if (size < MIN_TO_COMPRESS) {
            data = inflated.read(in::readFully, size);
        } else {
            int length = compactLength(in, size * 2 + 1024, "Tight zlib");
            stream.input(compressed.read(in::readFully, length), 0, length);
            data = inflated.read(stream::readFully, size);
        }
        int[] px = ctx.framebuffer().pixels();
        int stride = ctx.framebuffer().width();
        if (filter == FILTER_PALETTE) {
            unpackPalette(data, px, stride, x, y, w, h, colours, rowSize);
        } else if (filter == FILTER_GRADIENT) {
            new TightGradient(pr).apply(data, px, stride, x, y, w, h);
        } else {
            for (int r = 0; r < h; r++) {
                pr.tpixels(data, r * w * tsize, px, (y + r) * stride + x, w);
            }
        }
    }

    /**
     * Two colours come one bit per pixel, more one byte per pixel; separate loops keep each tight. The two-colour loop
     * takes a byte at a time, eight pixels from one load, with the row's last bits after it.
     */
    private void unpackPalette(byte[] in, int[] px, int stride, int x, int y, int w, int h, int colours,
                               int rowSize) {
        int[] pal = palette;
        if (colours == 2) {
            int background = pal[0];
            int foreground = pal[1];
            int whole = w >> 3;
            for (int r = 0; r < h; r++) {
                int o = (y + r) * stride + x;
                int i = r * rowSize;
                for (int end = i + whole; i < end; i++, o += 8) {
                    int bits = in[i];
                    px[o] = (bits & 0x80) == 0 ? background : foreground;
                    px[o + 1] = (bits & 0x40) == 0 ? background : foreground;
                    px[o + 2] = (bits & 0x20) == 0 ? background : foreground;
                    px[o + 3] = (bits & 0x10) == 0 ? background : foreground;
                    px[o + 4] = (bits & 0x08) == 0 ? background : foreground;
                    px[o + 5] = (bits & 0x04) == 0 ? background : foreground;
                    px[o + 6] = (bits & 0x02) == 0 ? background : foreground;
                    px[o + 7] = (bits & 0x01) == 0 ? background : foreground;
                }
                for (int c = 0, rest = w & 7; c < rest; c++) {
                    px[o + c] = ((in[i] >> (7 - c)) & 1) == 0 ? background : foreground;
                }
            }
        } else {
            for (int r = 0; r < h; r++) {
                int o = (y + r) * stride + x;
                int i = r * rowSize;
                for (int end = o + w; o < end; o++, i++) {
                    px[o] = pal[in[i] & 0xff];
                }
            }
        }
    }

    /**
     * The longest JPEG picture of a {@code w×h} rectangle we accept. JPEG codes whole 8×8 (or 16×16) blocks, and
     * Xvnc's qualities 6–9 keep full colour resolution: random colours take 4.1 bytes per pixel at quality 9 (JPEG
     * quality 100) and, in a 1920×2 strip, whose blocks are mostly padding, 6.7 bytes per pixel at quality 8 (JPEG
     * 92) and 14 at quality 9. The earlier bound, 4 bytes per pixel and 4 KiB, ended sessions when the automatic
     * quality rose to 8 over such content. Baseline JPEG needs at most about 10 bytes per pixel of whole 16×16 blocks
     * before byte stuffing; 16 bytes per such pixel and 64 KiB for tables and markers leave room without letting a
     * tiny rectangle claim megabytes (Tight's length has 22 bits, at most 4 MiB).
     */
    static int maxJpegLength(int w, int h) {
        long padded = (long) ((w + 15) & ~15) * ((h + 15) & ~15);
        return (int) Math.min(MAX_COMPACT_LENGTH, padded * 16 + 64 * 1024);
    }

    /** Ends the four zlib streams and frees the JPEG decoder, if one was made. */
    @Override
    public void close() {
        for (ZlibStream stream : streams) {
            stream.close();
        }
        if (jpeg != null) {
            jpeg.close();
        }
    }

    /** Whether the JPEG decoder was made (at the first JPEG rectangle this decoder decoded itself). */
    boolean jpegDecoderMade() {
        return jpeg != null;
    }

    /** How many bytes the buffers for compressed and inflated data hold room for now. */
    int bufferCapacity() {
        return compressed.capacity() + inflated.capacity();
    }

    /** Tight's 1–3 byte length: 7 bits per byte, the last byte contributing 8. */
    static int compactLength(RfbInput in, int max, String what) throws IOException {
        int b = in.u8();
        int length = b & 0x7f;
        if ((b & 0x80) != 0) {
            b = in.u8();
            length |= (b & 0x7f) << 7;
            if ((b & 0x80) != 0) {
                length |= in.u8() << 14;
            }
        }
        if (length > max) {
            throw new VncProtocolException("The server sent an implausible " + what + " length (" + length + " bytes).");
        }
        return length;
    }
}
