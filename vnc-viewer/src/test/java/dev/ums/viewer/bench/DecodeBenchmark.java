package dev.ums.viewer.bench;

import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.Encoding;
import dev.ums.viewer.ServerRecording;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode throughput per encoding: one full 1920×1080 frame of the test pattern, recorded from a
 * real Xvnc at setup, replayed through a whole session (handshake included) per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class DecodeBenchmark {
    @Param({"RAW", "RRE", "HEXTILE", "ZRLE", "TIGHT", "TIGHT_JPEG6"})
    public String encoding;

    private byte[] recording;
    private VncSettings settings;

    @Setup(Level.Trial)
    public void record() throws Exception {
        settings = encoding.equals("TIGHT_JPEG6")
                ? VncSettings.builder().encodings(Encoding.TIGHT).jpegQuality(6).build()
                : VncSettings.builder().encodings(Encoding.valueOf(encoding)).build();
        try (XvncServer xvnc = XvncServer.start(1920, 1080)) {
            recording = ServerRecording.firstFrame(xvnc, settings);
        }
        System.out.printf("%n%s: %d bytes per frame on the wire%n", encoding, recording.length);
    }

    @Benchmark
    public long decodeFullFrame() throws InterruptedException {
        VncSession session = new VncSession(new ByteArrayInputStream(recording), OutputStream.nullOutputStream(), settings);
        session.start();
        session.awaitClosed(1, TimeUnit.MINUTES);
        return session.updateCount();
    }
}
