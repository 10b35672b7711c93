package dev.ums.bench.tunnel;

import dev.ums.protocol.tunnel.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/** Measures one byte path: throughput of a one-way stream, and round-trip times of small messages. */
final class PathProbe {
    private PathProbe() {
    }

    /** MiB/s reading {@code mib} MiB that the target streams. */
    static double throughput(Endpoint endpoint, int mib) throws IOException {
        OutputStream out = endpoint.output();
        out.write('S');
        out.flush();
        InputStream in = endpoint.input();
        byte[] buffer = new byte[64 * 1024];
        long target = (long) mib << 20;
        long warm = Math.min(target / 8, 16L << 20);
        long read = 0;
        long start = 0;
        while (read < target + warm) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the path closed after " + read + " bytes");
            }
            read += n;
            if (start == 0 && read >= warm) {
                start = System.nanoTime();
                read = warm;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return (read - warm) / 1048576.0 / seconds;
    }

    /** Round-trip times in microseconds of {@code count} echoed 64-byte messages, sorted. */
    static long[] roundTrips(Endpoint endpoint, int count) throws IOException {
        OutputStream out = endpoint.output();
        out.write('E');
        out.flush();
        InputStream in = endpoint.input();
        byte[] message = new byte[64];
        long[] micros = new long[count];
        for (int i = -200; i < count; i++) {
            long t0 = System.nanoTime();
            out.write(message);
            out.flush();
            in.readNBytes(message, 0, message.length);
            if (i >= 0) {
                micros[i] = (System.nanoTime() - t0) / 1000;
            }
        }
        Arrays.sort(micros);
        return micros;
    }

    static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
