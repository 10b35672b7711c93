package dev.ums.viewer.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ums.rfb.EncodingType;
import dev.ums.rfb.RfbInput;
import dev.ums.testkit.rfb.Bytes;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * ExtendedDesktopSize rectangles that refuse a size change this viewer never asked for: 16 bytes each, up to 65,535 an
 * update, so each must not cost a log line.
 */
class DesktopSizeRefusalTest {

    /** The body of a FramebufferUpdate (after its type) of {@code count} refusals. */
    private static byte[] refusals(int count) {
        Bytes update = new Bytes().u8(0).u16(count);                 // padding, rectangle count
        for (int i = 0; i < count; i++) {
            update.u16(1, 3, 4, 4).s32(EncodingType.EXTENDED_DESKTOP_SIZE)   // x 1: our request; y 3: refused
                    .u8(0, 0, 0, 0);                                 // no screens, padding
        }
        return update.toArray();
    }

    @Test
    void thousandsOfRefusalsWriteOneLogLine() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(FramebufferUpdateReader.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        DecoderFixture fixture = new DecoderFixture(4, 4);
        try (FramebufferUpdateReader reader = new FramebufferUpdateReader()) {
            FramebufferUpdateReader.Result result = new FramebufferUpdateReader.Result();
            for (int update = 0; update < 3; update++) {
                ByteArrayInputStream stream = new ByteArrayInputStream(refusals(10_000));
                reader.read(new RfbInput(stream), fixture.ctx, result, shape -> { });
                assertThat(stream.available()).isZero();
                assertThat(result.resized).isFalse();
            }
        } finally {
            log.detachAppender(lines);
        }
        assertThat(lines.list).singleElement().satisfies(line -> assertThat(line.getFormattedMessage())
                .startsWith("server refused a desktop size change, status 3"));
        assertThat(fixture.fb.width()).isEqualTo(4);
    }
}
