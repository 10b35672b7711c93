package dev.ums.viewer.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.rfb.PixelFormat;
import dev.ums.rfb.RfbInput;
import dev.ums.testkit.rfb.Bytes;
import dev.ums.viewer.Framebuffer;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * The decoders' zlib streams hold native memory: an {@link Inflater} is made only for a stream that gets data, and
 * closing the update reader ends every one made, so none waits for the garbage collector.
 */
class ZlibStreamsEndTest {
    private final List<CountingInflater> made = new ArrayList<>();
    private final FramebufferUpdateReader reader = new FramebufferUpdateReader(() -> {
        CountingInflater inflater = new CountingInflater();
        made.add(inflater);
        return inflater;
    });

    /** An Inflater that notes whether it was ended. */
    private static final class CountingInflater extends Inflater {
        boolean ended;

        @Override
        public void end() {
            ended = true;
            super.end();
        }
    }

    private static Bytes tight(Bytes b, int control, Deflater deflater) {
        byte[] z = Bytes.deflate(deflater, new Bytes().tpixel(1, 2, 3, 4, 5, 6, 7, 8).toArray());   // 24 bytes: compressed
        return b.u16(0, 0, 4, 2).s32(7).u8(control).u8(z.length).raw(z);
    }

    /** One update: a ZRLE rectangle, then Tight rectangles on streams 0 and 3, all 4×2. */
    private void readUpdate(DecodeContext ctx) throws Exception {
        byte[] zrle = Bytes.deflate(new Deflater(), new Bytes().u8(1).cpixel(0x336699).toArray());   // a solid tile
        Bytes update = new Bytes().u8(0).u16(3)
                .u16(0, 0, 4, 2).s32(16).s32(zrle.length).raw(zrle);
        tight(update, 0x00, new Deflater());
        tight(update, 0x30, new Deflater());
        reader.read(new RfbInput(new ByteArrayInputStream(update.toArray())), ctx, new FramebufferUpdateReader.Result(),
                c -> { });
    }

    private static DecodeContext context() throws Exception {
        Framebuffer fb = new Framebuffer();
        fb.resize(4, 2);
        return new DecodeContext(fb, new PixelReader(PixelFormat.RGB888));
    }

    @Test
    void closingEndsEveryInflaterTheStreamsMade() throws Exception {
        readUpdate(context());
        assertThat(made).as("ZRLE's stream and Tight's streams 0 and 3").hasSize(3).noneMatch(i -> i.ended);
        reader.close();
        assertThat(made).allMatch(i -> i.ended);
        assertThatThrownBy(() -> made.get(0).inflate(new byte[1])).as("an ended Inflater cannot be used")
                .hasMessage("Inflater has been closed");          // NullPointerException up to Java 24, then IllegalState
        assertThat(reader.closed()).isTrue();
    }

    @Test
    void aClosedReaderDecodesNoMoreCompressedRectangles() throws Exception {
        reader.close();
        assertThatThrownBy(() -> readUpdate(context())).isInstanceOf(IllegalStateException.class)
                .hasMessage("the ZRLE zlib stream is closed");
        assertThat(made).isEmpty();
    }

    @Test
    void streamsThatGetNoDataMakeNoInflater() throws Exception {
        Bytes raw = new Bytes().u8(0).u16(1).u16(0, 0, 1, 1).s32(0).pixel32(0x123456);
        reader.read(new RfbInput(new ByteArrayInputStream(raw.toArray())), context(),
                new FramebufferUpdateReader.Result(), c -> { });
        reader.close();
        assertThat(made).isEmpty();
    }
}
