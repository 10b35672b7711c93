package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of sessions against mutated copies of well-formed server streams ({@link ServerScript}: every handshake,
 * message and encoding the viewer reads), each a finite stream, so a viewer that waits for more ends with the
 * stream. Every session must end by itself within seconds, with the viewer's typed failure: a
 * {@link VncProtocolException} raised on purpose or a {@link VncServerClosedException}, never an unchecked exception
 * or error caught at the edge. The reader thread may allocate only what the bytes that arrived and the desktop sizes
 * they announced justify, never what a length or count merely claims. Deterministic: case {@code i} is drawn from
 * {@code SEED} and {@code i} alone, and the failure message names both.
 */
class ServerStreamFuzzTest {
    private static final int CASES = Integer.getInteger("fuzz.cases", 4000);
    private static final long SEED = Long.getLong("fuzz.seed", 20261207L);
    /** The first case to run: with {@code fuzz.cases} one more, one case alone. */
    private static final int FROM = Integer.getInteger("fuzz.from", 0);
    /** What a session allocates whatever the server sends: buffers, decoders, logging, the quality machinery. */
    private static final long FIXED_ALLOWANCE = 2L << 20;
    private static final int PER_BYTE_ALLOWANCE = 64;
    private static final int PER_PIXEL_ALLOWANCE = 16;
    /** Failures named in the test's message; the count names them all. */
    private static final int MAX_REPORTED = 20;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Loads and initialises what every session shares (TLS, JPEG, zlib), which no single stream should be charged. */
    @BeforeAll
    static void warmUp() throws Exception {
        for (int i = 0; i < 200; i++) {
            ServerScript script = ServerScript.draw(new Random(-i), false);
            run(script.bytes(), script.settings);
        }
    }

    @Test
    void mutatedServerStreamsEndWithATypedFailureInBoundedMemory() throws Exception {
        int typed = 0;
        int failed = 0;
        List<String> failures = new ArrayList<>();
        for (int i = FROM; i < CASES; i++) {
            Random random = new Random(SEED * 1_000_003L + i);
            ServerScript script = ServerScript.draw(random, random.nextInt(4) == 0);
            Mutation mutation = Mutation.random(random);
            byte[] stream = mutation.apply(script, random);
            Outcome outcome = run(stream, script.settings);
            String what = "case " + i + " (seed " + SEED + ", " + script.description + ", " + mutation + "): "
                    + describe(stream);
            try {
                outcome.check(what, stream.length);
            } catch (AssertionError e) {
                if (failed++ < MAX_REPORTED) {
                    failures.add(e.getMessage() + (e.getCause() == null ? "" : "\n    " + stackOf(e.getCause())));
                }
                continue;
            }
            if (!(outcome.error instanceof VncServerClosedException)) {
                typed++;
            }
        }
        assertThat(failures).as("%d of %d cases failed; the first of them", failed, CASES - FROM).isEmpty();
        assertThat(typed).as("mutations are caught by checks, not only by the stream's end")
                .isGreaterThanOrEqualTo((CASES - FROM) / 4);
    }

    @Test
    void wellFormedStreamsDecodeToTheirEnd() throws Exception {
        for (int i = 0; i < CASES / 10; i++) {
            ServerScript script = ServerScript.draw(new Random(SEED + i), false);
            byte[] stream = script.bytes();
            Outcome outcome = run(stream, script.settings);
            outcome.check("well-formed case " + i + ": " + describe(stream), stream.length);
            if (script.tls) {
                assertThat(outcome.error).as("well-formed case %d: %s", i, describe(stream))
                        .hasMessageStartingWith("The TLS handshake with the VNC server failed");
            } else {
                assertThat(outcome.error).as("well-formed case %d: %s", i, describe(stream))
                        .isInstanceOf(VncServerClosedException.class);
            }
        }
    }

    static Outcome run(byte[] stream, VncSettings settings) throws InterruptedException {
        Outcome outcome = new Outcome();
        VncSession session = new VncSession(outcome.watch(stream), OutputStream.nullOutputStream(), settings);
        session.addListener(outcome);
        session.start();
        boolean ended = session.awaitClosed(10, TimeUnit.SECONDS);
        session.close();
        outcome.ended = ended;
        outcome.pixelsAnnounced.addAndGet((long) session.framebuffer().width() * session.framebuffer().height()
                + desktopSizesIn(stream));
        outcome.error = session.error();
        return outcome;
    }

    /**
     * The pixels of every desktop size the stream may announce, ServerInit's aside: the size before each DesktopSize
     * or ExtendedDesktopSize encoding number wherever the bytes hold one. The viewer allocates each such desktop,
     * also one that a later rectangle of the same update replaces, which the listeners never hear of.
     */
    private static long desktopSizesIn(byte[] stream) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(stream);
        long pixels = 0;
        for (int i = 4; i + 4 <= stream.length; i++) {
            int encoding = b.getInt(i);
            if (encoding == -223 || encoding == -308) {
                pixels += (long) (b.getShort(i - 4) & 0xffff) * (b.getShort(i - 2) & 0xffff);
            }
        }
        return pixels;
    }

    /** The cause's chain, each with its first frames, for a failure that names where it was thrown. */
    private static String stackOf(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            s.append(c).append(" at ");
            StackTraceElement[] frames = c.getStackTrace();
            for (int i = 0; i < Math.min(4, frames.length); i++) {
                s.append(frames[i]).append(i < 3 ? " < " : "");
            }
            s.append("\n    ");
        }
        return s.toString();
    }

    private static String describe(byte[] stream) {
        return stream.length + " bytes " + HexFormat.of().formatHex(stream, 0, Math.min(stream.length, 2000))
                + (stream.length > 2000 ? "…" : "");
    }

    /** What one session did: how it ended, and what its reader thread allocated and was entitled to. */
    static final class Outcome implements VncSessionListener {
        private final AtomicLong pixelsAnnounced = new AtomicLong();
        private volatile long allocated = -1;
        /** The reader's largest allocation between two reads, and the stream position at which it was made. */
        private volatile long largestStep;
        private volatile long largestStepAt;
        volatile boolean ended;
        volatile VncProtocolException error;

        @Override
        public void connected(String desktopName, int width, int height) {
            pixelsAnnounced.addAndGet((long) width * height);
        }

        @Override
        public void framebufferResized(int width, int height) {
            pixelsAnnounced.addAndGet((long) width * height);
        }

        /** On the reader thread, which ends right after: what it allocated over its life. */
        @Override
        public void closed(VncProtocolException error) {
            allocated = THREADS.getCurrentThreadAllocatedBytes();
        }

        /** The stream, noting what the reading thread allocated between reads. */
        ByteArrayInputStream watch(byte[] stream) {
            return new ByteArrayInputStream(stream) {
                private long last = -1;

                /** A few bytes at a time, as from a network, so that what was allocated is known per stretch. */
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    note();
                    return super.read(b, off, Math.min(len, 61));
                }

                @Override
                public synchronized int read() {
                    note();
                    return super.read();
                }

                private void note() {
                    long now = THREADS.getCurrentThreadAllocatedBytes();
                    if (last >= 0 && now - last > largestStep) {
                        largestStep = now - last;
                        largestStepAt = pos;
                    }
                    last = now;
                }
            };
        }

        void check(String what, int streamLength) {
            if (!ended) {
                fail("the session did not end by itself within 10 s: " + what);
            }
            if (error == null) {
                fail("the session ended without a failure: " + what);
            }
            String sentence = error.getMessage();
            boolean untyped = sentence.contains("unexpected data") || sentence.contains("viewer is incomplete")
                    || sentence.contains("internal error of the viewer")
                    || sentence.startsWith("The connection to the VNC server failed");
            if (untyped) {
                AssertionError e = new AssertionError("untyped failure (" + error.getCause() + "): " + what);
                e.initCause(error);
                throw e;
            }
            long allowance = FIXED_ALLOWANCE + (long) PER_BYTE_ALLOWANCE * streamLength
                    + PER_PIXEL_ALLOWANCE * pixelsAnnounced.get();
            if (allocated > allowance) {
                fail("the reader allocated " + allocated + " bytes, more than the " + allowance
                        + " the stream justifies (" + error.getMessage() + "; " + largestStep + " of them at once, after byte "
                        + largestStepAt + "): " + what);
            }
        }
    }

    /** One way of damaging a well-formed stream. */
    enum Mutation {
        FLIP_BITS, TRUNCATE, EXTREME_FIELD, EXTREME_FIELDS, EXTREME_SIZE, REPEAT_SEGMENT, DROP_SEGMENT, OVERWRITE, INSERT;

        /** Rectangle sides around the viewer's limits: the cursor's, the desktop's, the protocol's. */
        private static final int[] SIZES = {0, 1, 1023, 1024, 1025, 4096, 4320, 4321, 7680, 7681, 16384, 16385, 0xffff};

        static Mutation random(Random random) {
            Mutation[] all = values();
            return all[random.nextInt(all.length)];
        }

        byte[] apply(ServerScript script, Random random) {
            byte[] b = script.bytes();
            switch (this) {
                case FLIP_BITS -> {
                    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    return b;
                }
                case TRUNCATE -> {
                    return Arrays.copyOf(b, random.nextInt(b.length));
                }
                case EXTREME_FIELD, EXTREME_FIELDS -> {
                    for (int i = 0, n = this == EXTREME_FIELD ? 1 : 2 + random.nextInt(3); i < n; i++) {
                        ScriptedStream.Field f = script.fields().get(random.nextInt(script.fields().size()));
                        long v = extreme(f.size(), random);
                        for (int k = 0; k < f.size(); k++) {
                            b[f.offset() + k] = (byte) (v >>> (8 * (f.size() - 1 - k)));
                        }
                    }
                    return b;
                }
                case EXTREME_SIZE -> {
                    if (script.sizes().isEmpty()) {
                        return b;
                    }
                    int at = script.sizes().get(random.nextInt(script.sizes().size()));
                    for (int k = 0; k < 4; k += 2) {
                        int v = SIZES[random.nextInt(SIZES.length)];
                        b[at + k] = (byte) (v >> 8);
                        b[at + k + 1] = (byte) v;
                    }
                    return b;
                }
                case REPEAT_SEGMENT, DROP_SEGMENT -> {
                    if (script.segments.isEmpty()) {
                        return Arrays.copyOf(b, b.length - 1);
                    }
                    ServerScript.Segment s = script.segments.get(random.nextInt(script.segments.size()));
                    int len = s.end() - s.start();
                    byte[] out = new byte[this == REPEAT_SEGMENT ? b.length + len : b.length - len];
                    if (this == REPEAT_SEGMENT) {
                        System.arraycopy(b, 0, out, 0, s.end());
                        System.arraycopy(b, s.start(), out, s.end(), b.length - s.start());
                    } else {
                        System.arraycopy(b, 0, out, 0, s.start());
                        System.arraycopy(b, s.end(), out, s.start(), b.length - s.end());
                    }
                    return out;
                }
                case OVERWRITE -> {
                    int at = random.nextInt(Math.max(1, b.length - 4));
                    for (int i = 0; i < 4 && at + i < b.length; i++) {
                        b[at + i] = (byte) (random.nextBoolean() ? 0xff : random.nextInt(256));
                    }
                    return b;
                }
                default -> {
                    int at = random.nextInt(b.length);
                    byte[] noise = new byte[1 + random.nextInt(16)];
                    random.nextBytes(noise);
                    byte[] out = new byte[b.length + noise.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(noise, 0, out, at, noise.length);
                    System.arraycopy(b, at, out, at + noise.length, b.length - at);
                    return out;
                }
            }
        }

        private static long extreme(int size, Random random) {
            long[] values = switch (size) {
                case 1 -> new long[] {0, 1, 0x7f, 0x80, 0xfe, 0xff};
                case 2 -> new long[] {0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff, 16384, 16385};
                default -> new long[] {0, 1, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0xfffffffeL, 0x00ffffffL,
                        16 * 1024 * 1024, 16 * 1024 * 1024 + 1, 64 * 1024 + 1};
            };
            return random.nextInt(4) == 0 ? random.nextLong() : values[random.nextInt(values.length)];
        }
    }
}
