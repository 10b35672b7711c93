package dev.ums.viewer;

import dev.ums.testkit.vnc.XvncServer;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** What a real Xvnc sends our session, from its greeting to the first complete frame, for replaying. */
public final class ServerRecording {
    private ServerRecording() {
    }

    /** Connects with {@code settings}, waits for the first complete frame and returns every byte the server sent. */
    public static byte[] firstFrame(XvncServer xvnc, VncSettings settings) throws IOException, InterruptedException {
        Socket socket = new Socket(xvnc.host(), xvnc.port());
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        InputStream tee = new FilterInputStream(socket.getInputStream()) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    copy.write(b, off, n);
                }
                return n;
            }
        };
        try (VncSession session = new VncSession(tee, socket.getOutputStream(), settings).start()) {
            if (!session.awaitFirstFrame(30, TimeUnit.SECONDS)) {
                throw new IOException("no frame from Xvnc: " + session.error());
            }
        }
        return copy.toByteArray();
    }
}
