package dev.ums.viewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects to a VNC server over TCP, waits for one complete frame and returns it as an image. */
public final class VncSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(VncSnapshot.class);
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private VncSnapshot() {
    }

    public static BufferedImage capture(VncAddress address, VncSettings settings, Duration timeout)
            throws IOException, InterruptedException {
        Socket socket = connect(address);
        VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(), settings);
        AtomicReference<BufferedImage> frame = new AtomicReference<>();
        session.addListener(new VncSessionListener() {
            @Override
            public void frameComplete() {
                // Copied on the reader thread, before any later update can touch the pixels.
                Framebuffer fb = session.framebuffer();
                BufferedImage copy = new BufferedImage(fb.width(), fb.height(), BufferedImage.TYPE_INT_RGB);
                copy.setRGB(0, 0, fb.width(), fb.height(), fb.copyPixels(), 0, fb.width());
                frame.compareAndSet(null, copy);
            }
        });
        try (session) {
            session.start();
            if (!session.awaitFirstFrame(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                if (session.error() != null) {
                    throw session.error();
                }
                throw new VncProtocolException("The VNC server at " + address + " sent no complete frame within "
                        + timeout.toSeconds() + " s.");
            }
            return frame.get();
        }
    }

    /**
     * Opens a TCP connection with a bounded wait and a sentence a user understands on failure. The logging system
     * has started before the connection is opened (this class's logger starts it): in a fresh JVM its start takes
     * 0.7 s on an idle machine and over 2 s on a busy one, and started by the session's first log line, after the
     * connection, it kept the server waiting for our protocol version that long (measured through a relay,
     * docs/BENCHMARKS.md, WAN).
     */
    public static Socket connect(VncAddress address) throws IOException {
        LOG.debug("connecting to {}", address);
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address.host(), address.port()), CONNECT_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            socket.close();
            // the JDK's message for a name it cannot resolve is the name alone
            String reason = e instanceof UnknownHostException ? "no such host is known"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException("Cannot connect to the VNC server at " + address + ": " + reason + ".", e);
        }
    }
}
