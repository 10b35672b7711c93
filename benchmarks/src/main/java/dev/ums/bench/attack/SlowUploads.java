package dev.ums.bench.attack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Enrollment uploads that announce a body and then trickle it: each connection sends its headers and a few
 * bytes a second, never finishing. One thread (the caller's) opens and feeds them all.
 */
final class SlowUploads implements AutoCloseable {
    static final int DECLARED = 16_000;
    /** Loopback, but not the probes' address. */
    static final String ATTACKER = "127.0.0.2";
    private final List<SSLSocket> open = new ArrayList<>();
    private int refused;

    /**
     * Opens {@code count} uploads to {@code host:port}{@code path}, feeding the open ones {@code rate} bytes
     * about every half second meanwhile (so that none falls below the server's minimum rate while the others
     * are opened); the ones the server refuses are counted. {@code meanwhile} runs between batches.
     */
    static SlowUploads open(SSLContext tls, String host, int port, String path, String token, int count, int rate,
                            Runnable meanwhile) {
        SlowUploads uploads = new SlowUploads();
        long lastTrickle = System.nanoTime();
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + DECLARED + "\r\n\r\n{\"name\":\"";
        for (int i = 0; i < count; i++) {
            try {
                Socket raw = new Socket();
                // the attacker's own address, so that the probes (from 127.0.0.1) are someone else
                raw.bind(new InetSocketAddress(ATTACKER, 0));
                raw.connect(new InetSocketAddress(host, port), 5000);
                SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true);
                s.setSoTimeout(5000);
                s.startHandshake();
                s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                uploads.open.add(s);
            } catch (IOException e) {
                uploads.refused++;
            }
            if (System.nanoTime() - lastTrickle > 500_000_000L) {
                uploads.trickle(rate / 2);
                meanwhile.run();
                lastTrickle = System.nanoTime();
            }
        }
        return uploads;
    }

    /**
     * Sends {@code bytes} more body bytes on each upload; drops those whose write fails (the server answered
     * and closed: a write after that fails, at the latest the second one).
     */
    void trickle(int bytes) {
        byte[] chunk = "x".repeat(bytes).getBytes(StandardCharsets.US_ASCII);
        for (Iterator<SSLSocket> it = open.iterator(); it.hasNext(); ) {
            SSLSocket s = it.next();
            try {
                s.getOutputStream().write(chunk);
                s.getOutputStream().flush();
            } catch (IOException e) {
                closeQuietly(s);
                it.remove();
            }
        }
    }

    int held() {
        return open.size();
    }

    int refused() {
        return refused;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // gone already
        }
    }

    @Override
    public void close() {
        open.forEach(SlowUploads::closeQuietly);
        open.clear();
    }
}
