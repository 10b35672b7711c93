package dev.ums.console.gui.internal.playback;

import dev.ums.console.gui.TestPictures;
import dev.ums.recording.Direction;
import dev.ums.recording.RecordingHeader;
import dev.ums.recording.RecordingWriter;
import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Records a real session with a real Xvnc into a {@code .umsrec} file, both directions of the viewer's socket
 * with their times, as the server's relay records a tunnel, with some input between two moments; keeps what the
 * live viewer showed at both.
 */
final class RecordedSessionFile {
    /** When the first settled picture was shown, in microseconds since the recording started. */
    long firstMoment;
    int[] firstFrame;
    int[] lastFrame;
    /** How many key and pointer events the session sent. */
    int inputEvents;
    int width;
    int height;

    static RecordedSessionFile record(XvncServer xvnc, Path file) throws IOException, InterruptedException {
        RecordedSessionFile result = new RecordedSessionFile();
        long start = System.nanoTime();
        RecordingHeader header = new RecordingHeader("s-1", "d-1", "kiosk-1", "admin", Instant.now(), false,
                "server-relay");
        try (RecordingWriter writer = RecordingWriter.create(file, header);
             Socket socket = new Socket(xvnc.host(), xvnc.port())) {
            InputStream rawIn = socket.getInputStream();
            OutputStream rawOut = socket.getOutputStream();
            InputStream in = new FilterInputStream(rawIn) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        synchronized (writer) {
                            writer.write(Direction.FROM_DEVICE, (System.nanoTime() - start) / 1000, b, off, n);
                        }
                    }
                    return n;
                }
            };
            OutputStream out = new FilterOutputStream(rawOut) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    synchronized (writer) {
                        writer.write(Direction.FROM_CONSOLE, (System.nanoTime() - start) / 1000, b, off, len);
                    }
                    rawOut.write(b, off, len);
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }
            };
            try (VncSession session = new VncSession(in, out, VncSettings.builder().build()).start()) {
                if (!session.awaitFirstFrame(20, TimeUnit.SECONDS)) {
                    throw new IOException("no first frame: " + session.error());
                }
                result.firstFrame = settled(session);
                result.firstMoment = (System.nanoTime() - start) / 1000;
                // input the player's timeline shows: a pointer path with a click, and a typed word
                for (int i = 0; i < 20; i++) {
                    session.sendPointer(20 + i * 10, 40 + i * 5, 0);
                    Thread.sleep(15);
                }
                session.sendPointer(220, 140, 1);
                session.sendPointer(220, 140, 0);
                for (char c : "replay".toCharArray()) {
                    session.sendKey(c, true);
                    session.sendKey(c, false);
                    Thread.sleep(20);
                }
                result.inputEvents = 20 + 2 + 2 * 6;
                xvnc.showImage(TestPictures.shapes(xvnc.width(), xvnc.height()));
                for (int i = 0; i < 400 && Arrays.equals(session.framebuffer().copyPixels(), result.firstFrame); i++) {
                    Thread.sleep(25);
                }
                result.lastFrame = settled(session);
                result.width = session.framebuffer().width();
                result.height = session.framebuffer().height();
            }
            synchronized (writer) {
                writer.end((System.nanoTime() - start) / 1000, "closed by the console");
            }
        }
        return result;
    }

    private static int[] settled(VncSession session) throws InterruptedException {
        int[] last = session.framebuffer().copyPixels();
        long quietSince = System.nanoTime();
        long deadline = quietSince + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(500) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            int[] now = session.framebuffer().copyPixels();
            if (!Arrays.equals(now, last)) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        return last;
    }
}
