package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.XvncServer;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds thousands of mutated copies of real Xvnc streams (one per encoding, recorded at start)
 * to the session: every run must end by itself with either a clean end of stream or a
 * {@link VncProtocolException} that we raised on purpose, never a hang or an unchecked failure.
 */
class FuzzTest {
    /** Raise with -Dfuzz.runs and vary -Dfuzz.seed for a longer hunt; the default keeps the test at a few seconds. */
    private static final int RUNS_PER_STREAM = Integer.getInteger("fuzz.runs", 500);
    private static final long SEED = Long.getLong("fuzz.seed", 20261129L);
    private static final List<byte[]> RECORDINGS = new ArrayList<>();
    private static final List<VncSettings> SETTINGS = new ArrayList<>();

    @BeforeAll
    static void record() throws Exception {
        try (XvncServer xvnc = XvncServer.start(96, 64)) {
            for (Encoding e : Encoding.values()) {
                record(xvnc, VncSettings.builder().encodings(e).build());
            }
            record(xvnc, VncSettings.builder().encodings(Encoding.TIGHT).jpegQuality(5).build());
        }
    }

    private static void record(XvncServer xvnc, VncSettings settings) throws Exception {
        RECORDINGS.add(ServerRecording.firstFrame(xvnc, settings));
        SETTINGS.add(settings);
    }

    @Test
    void mutatedStreamsEndCleanly() throws Exception {
        Random random = new Random(SEED);
        int protocolErrors = 0;
        for (int s = 0; s < RECORDINGS.size(); s++) {
            byte[] original = RECORDINGS.get(s);
            assertThat(original.length).isGreaterThan(100);
            for (int run = 0; run < RUNS_PER_STREAM; run++) {
                byte[] mutated = mutate(original, random);
                VncSession session = new VncSession(new ByteArrayInputStream(mutated), OutputStream.nullOutputStream(),
                        SETTINGS.get(s)).start();
                assertThat(session.awaitClosed(10, TimeUnit.SECONDS)).as("run %d of stream %d ends", run, s).isTrue();
                VncProtocolException error = session.error();
                assertThat(error).as("a mutated stream always ends with an error").isNotNull();
                assertThat(error.getMessage()).as("stream %d run %d", s, run)
                        .doesNotContain("unexpected data", "internal error of the viewer").endsWith(".");
                if (!error.getMessage().equals("The VNC server closed the connection.")) {
                    protocolErrors++;
                }
            }
        }
        assertThat(protocolErrors).as("mutations are detected, not only truncations").isGreaterThan(RUNS_PER_STREAM);
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int start = Math.min(40, b.length - 1);
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    b[start + random.nextInt(b.length - start)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> b = java.util.Arrays.copyOf(b, start + random.nextInt(b.length - start));
            case 2 -> {
                int at = start + random.nextInt(b.length - start - 4);
                for (int i = 0; i < 4; i++) {
                    b[at + i] = (byte) (random.nextBoolean() ? 0xff : random.nextInt(256));
                }
            }
            default -> {
                int at = start + random.nextInt(b.length - start);
                byte[] longer = new byte[b.length + 16];
                System.arraycopy(b, 0, longer, 0, at);
                for (int i = 0; i < 16; i++) {
                    longer[at + i] = (byte) random.nextInt(256);
                }
                System.arraycopy(b, at, longer, at + 16, b.length - at);
                b = longer;
            }
        }
        return b;
    }
}
