package dev.ums.viewer.internal.encoding;

import dev.ums.rfb.PixelFormat;
import dev.ums.rfb.RfbInput;
import dev.ums.viewer.Framebuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** A framebuffer and decode context for feeding one decoder annotated bytes. */
final class DecoderFixture {
    final Framebuffer fb = new Framebuffer();
    final DecodeContext ctx;

    DecoderFixture(int w, int h, PixelFormat format) throws IOException {
        fb.resize(w, h);
        ctx = new DecodeContext(fb, new PixelReader(format));
    }

    DecoderFixture(int w, int h) throws IOException {
        this(w, h, PixelFormat.RGB888);
    }

    /** Decodes and returns how many bytes were left unread, which must be 0 for a well-formed test. */
    int decode(RectDecoder decoder, byte[] bytes, int x, int y, int w, int h) throws IOException {
        ByteArrayInputStream stream = new ByteArrayInputStream(bytes);
        decoder.decode(new RfbInput(stream), x, y, w, h, ctx);
        return stream.available();
    }

    int at(int x, int y) {
        return fb.pixels()[y * fb.width() + x] & 0xffffff;
    }
}
