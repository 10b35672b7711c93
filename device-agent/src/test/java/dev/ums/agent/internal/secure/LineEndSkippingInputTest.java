package dev.ums.agent.internal.secure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Line ends before the viewer's first RFB byte are dropped, even split over reads; none after it. */
class LineEndSkippingInputTest {

    private static InputStream reading(String... chunks) {
        List<InputStream> parts = java.util.Arrays.stream(chunks)
                .map(c -> (InputStream) new ByteArrayInputStream(c.getBytes(StandardCharsets.US_ASCII))).toList();
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void leadingLineEndsAreDropped() throws IOException {
        assertThat(readAll(new LineEndSkippingInput(reading("\r", "\n", "\r\nRFB 003.008\n\r\n"))))
                .isEqualTo("RFB 003.008\n\r\n");
    }

    @Test
    void aStreamWithoutThemIsUntouched() throws IOException {
        assertThat(readAll(new LineEndSkippingInput(reading("RFB 003.008\n", "\n")))).isEqualTo("RFB 003.008\n\n");
    }
}
