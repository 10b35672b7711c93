package dev.ums.protocol.tunnel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes client WebSocket frames (RFC 6455 §5.2) to a socket stream: every frame masked with a fresh random key,
 * binary data split into frames of at most {@link #MAX_PAYLOAD} bytes. The masked copy is built in one reused
 * buffer, eight bytes at a time, and handed to the socket in a single write per frame.
 *
 * <p>Data frames come from the one thread that writes the tunnel; the reading thread writes pongs and the
 * close reply, the keepalive pings. A lock keeps frames whole; a write blocks while the network does (TCP is the
 * backpressure).
 */
final class FrameWriter {
    static final int MAX_PAYLOAD = 64 * 1024;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;
    private static final int MAX_HEADER = 14;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private final SecureRandom random = new SecureRandom();
    private final byte[] frame = new byte[MAX_HEADER + MAX_PAYLOAD];
    private boolean closeSent;

    FrameWriter(OutputStream out) {
        this.out = out;
    }

    void binary(byte[] data, int off, int len) throws IOException {
        lockInterruptibly();
        try {
            if (closeSent) {
                throw new IOException("the tunnel is closed");
            }
            do {
                int n = Math.min(len, MAX_PAYLOAD);
                writeFrame(OP_BINARY, data, off, n);
                off += n;
                len -= n;
            } while (len > 0);
        } finally {
            lock.unlock();
        }
    }

    void pong(byte[] payload) throws IOException {
        lockInterruptibly();
        try {
            if (!closeSent) {
                writeFrame(OP_PONG, payload, 0, payload.length);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends an empty ping, unless another frame is being written right now, which keeps the line busy anyway. */
    void ping() throws IOException {
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (!closeSent) {
                writeFrame(OP_PING, new byte[0], 0, 0);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends the close frame once. Gives up, returning false, when a data frame has been stuck in the network for
     * {@code waitMillis}: the caller then closes the socket instead.
     */
    boolean close(int code, String reason, long waitMillis) {
        try {
            if (!lock.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            if (closeSent) {
                return true;
            }
            closeSent = true;
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            int textLength = Math.min(text.length, 123);
            byte[] payload = new byte[2 + textLength];
            payload[0] = (byte) (code >> 8);
            payload[1] = (byte) code;
            System.arraycopy(text, 0, payload, 2, textLength);
            writeFrame(OP_CLOSE, payload, 0, payload.length);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void writeFrame(int opcode, byte[] data, int off, int len) throws IOException {
        int p = 0;
        frame[p++] = (byte) (0x80 | opcode);
        if (len < 126) {
            frame[p++] = (byte) (0x80 | len);
        } else if (len < 65536) {
            frame[p++] = (byte) (0x80 | 126);
            frame[p++] = (byte) (len >> 8);
            frame[p++] = (byte) len;
        } else {
            frame[p++] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[p++] = (byte) ((long) len >> shift);
            }
        }
        int key = random.nextInt();
        frame[p++] = (byte) (key >> 24);
        frame[p++] = (byte) (key >> 16);
        frame[p++] = (byte) (key >> 8);
        frame[p++] = (byte) key;
        mask(data, off, frame, p, len, key);
        out.write(frame, 0, p + len);
        out.flush();
    }

    /** {@code to[toOff..] = from[off..] XOR key}, the key's bytes repeating from the first payload byte. */
    static void mask(byte[] from, int off, byte[] to, int toOff, int len, int key) {
        long wide = ((key & 0xffffffffL) << 32) | (key & 0xffffffffL);
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            LONGS.set(to, toOff + i, (long) LONGS.get(from, off + i) ^ wide);
        }
        for (; i < len; i++) {
            to[toOff + i] = (byte) (from[off + i] ^ (key >> (24 - 8 * (i & 3))));
        }
    }

    private void lockInterruptibly() throws IOException {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to the tunnel");
        }
    }
}
