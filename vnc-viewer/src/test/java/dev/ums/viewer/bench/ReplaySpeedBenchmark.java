package dev.ums.viewer.bench;

import dev.ums.testkit.vnc.Animation;
import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.VncReplay;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: how fast a recording replays compared with the time it took to record. Records the project's viewer
 * (default settings) watching testkit's 60 fps {@link Animation} on a real 1920×1080 Xvnc for the given seconds
 * (both directions in memory, as the server's relay records them), then replays it to the end three times and
 * prints the recorded and replay times. Run: {@code java -cp <test classpath> dev.ums.viewer.bench.ReplaySpeedBenchmark [SECONDS]}
 * or {@code -Dtest=ReplaySpeedBenchmark} through {@link ReplaySpeedBenchmarkRun}.
 */
public final class ReplaySpeedBenchmark {
    private ReplaySpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<VncReplay.Chunk> chunks = new ArrayList<>();
        long[] bytes = new long[1];
        long start;
        long updates;
        try (XvncServer xvnc = XvncServer.start(1920, 1080)) {
            Process animation = xvnc.startJavaClient(Animation.class, "1920", "1080");
            Thread.sleep(2000);
            Socket socket = new Socket(xvnc.host(), xvnc.port());
            start = System.nanoTime();
            long t0 = start;
            InputStream in = new FilterInputStream(socket.getInputStream()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        synchronized (chunks) {
                            chunks.add(new VncReplay.Chunk((System.nanoTime() - t0) / 1000, true,
                                    Arrays.copyOfRange(b, off, off + n)));
                            bytes[0] += n;
                        }
                    }
                    return n;
                }
            };
            OutputStream rawOut = socket.getOutputStream();
            OutputStream out = new FilterOutputStream(rawOut) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    synchronized (chunks) {
                        chunks.add(new VncReplay.Chunk((System.nanoTime() - t0) / 1000, false,
                                Arrays.copyOfRange(b, off, off + len)));
                    }
                    rawOut.write(b, off, len);
                }
            };
            try (VncSession session = new VncSession(in, out, VncSettings.builder().build()).start()) {
                Thread.sleep(seconds * 1000L);
                updates = session.updateCount();
            }
            animation.destroy();
        }
        long recordedMicros = chunks.get(chunks.size() - 1).atMicros();
        List<VncReplay.Chunk> recording = List.copyOf(chunks);
        VncReplay.Source source = () -> new VncReplay.Reader() {
            private int next;

            @Override
            public VncReplay.Chunk next() {
                return next < recording.size() ? recording.get(next++) : null;
            }

            @Override
            public void close() {
            }
        };
        System.out.printf("recorded %.1f s, %d updates, %.1f MiB from the server%n", recordedMicros / 1e6, updates,
                bytes[0] / 1048576.0);
        for (int run = 1; run <= 3; run++) {
            long t = System.nanoTime();
            try (VncReplay replay = new VncReplay(source)) {
                replay.advanceTo(Long.MAX_VALUE);
            }
            double took = (System.nanoTime() - t) / 1e9;
            System.out.printf("replay %d: %.2f s to the end, %.1f× the recorded time%n", run, took,
                    recordedMicros / 1e6 / took);
        }
    }
}
