package dev.ums.agent.internal.secure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.tunnel.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Line ends before the viewer's first RFB byte are dropped, even split over reads; none after it. */
class LineEndSkippingEndpointTest {

    private static Endpoint reading(String... chunks) {
        List<InputStream> parts = java.util.Arrays.stream(chunks)
                .map(c -> (InputStream) new ByteArrayInputStream(c.getBytes(StandardCharsets.US_ASCII))).toList();
        InputStream in = new SequenceInputStream(Collections.enumeration(parts));
        return new Endpoint() {
            @Override
            public InputStream input() {
                return in;
            }

            @Override
            public OutputStream output() {
                return new ByteArrayOutputStream();
            }

            @Override
            public void close() {
            }
        };
    }

    private static String readAll(Endpoint endpoint) throws IOException {
        return new String(endpoint.input().readAllBytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void leadingLineEndsAreDropped() throws IOException {
        assertThat(readAll(new LineEndSkippingEndpoint(reading("\r", "\n", "\r\nRFB 003.008\n\r\n"))))
                .isEqualTo("RFB 003.008\n\r\n");
    }

    @Test
    void aStreamWithoutThemIsUntouched() throws IOException {
        assertThat(readAll(new LineEndSkippingEndpoint(reading("RFB 003.008\n", "\n")))).isEqualTo("RFB 003.008\n\n");
    }
}
