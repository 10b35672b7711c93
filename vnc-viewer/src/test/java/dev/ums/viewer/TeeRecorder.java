package dev.ums.viewer;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

/**
 * Records both directions of a real session's socket with their times, as the server's relay records a tunnel:
 * what the session read from the server and what it wrote to it, in one time-ordered {@link RecordedChunks}.
 */
final class TeeRecorder {
    private final RecordedChunks recording = new RecordedChunks();
    private final long start = System.nanoTime();
    private final InputStream in;
    private final OutputStream out;

    TeeRecorder(Socket socket) throws IOException {
        InputStream rawIn = socket.getInputStream();
        OutputStream rawOut = socket.getOutputStream();
        this.in = new FilterInputStream(rawIn) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    record(true, b, off, n);
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    record(true, new byte[] {(byte) b}, 0, 1);
                }
                return b;
            }
        };
        this.out = new FilterOutputStream(rawOut) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                record(false, b, off, len);
                rawOut.write(b, off, len);
            }

            @Override
            public void write(int b) throws IOException {
                record(false, new byte[] {(byte) b}, 0, 1);
                rawOut.write(b);
            }
        };
    }

    /** Now, in the recording's microseconds. */
    long now() {
        return (System.nanoTime() - start) / 1000;
    }

    private synchronized void record(boolean fromServer, byte[] b, int off, int len) {
        recording.add(new VncReplay.Chunk(now(), fromServer, Arrays.copyOfRange(b, off, off + len)));
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    RecordedChunks recording() {
        return recording;
    }
}
