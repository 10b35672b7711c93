package dev.ums.agent;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of an RFB 3.8 viewer to test what reaches a real VNC server through a tunnel: the handshake
 * with security None, a pointer event, and a round trip that proves the server processed everything before it.
 */
final class RfbProbe {
    private final DataInputStream in;
    private final OutputStream out;
    private int width;
    private int height;

    RfbProbe(InputStream in, OutputStream out) {
        this.in = new DataInputStream(in);
        this.out = out;
    }

    /** Runs the handshake up to and including ServerInit. */
    RfbProbe handshake() throws IOException {
        String version = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        if (!version.equals("RFB 003.008\n")) {
            throw new IOException("unexpected greeting " + version);
        }
        out.write(version.getBytes(StandardCharsets.US_ASCII));
        in.readFully(new byte[in.readUnsignedByte()]);  // offered security types
        out.write(1);                                   // None
        if (in.readInt() != 0) {
            throw new IOException("security failed");
        }
        out.write(1);                                   // ClientInit: shared
        width = in.readUnsignedShort();
        height = in.readUnsignedShort();
        in.readFully(new byte[16]);                     // pixel format
        in.readFully(new byte[in.readInt()]);           // desktop name
        return this;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    void pointer(int x, int y) throws IOException {
        out.write(new byte[] {5, 0, (byte) (x >> 8), (byte) x, (byte) (y >> 8), (byte) y});
    }

    void key(int keysym, boolean down) throws IOException {
        out.write(new byte[] {4, (byte) (down ? 1 : 0), 0, 0,
                (byte) (keysym >> 24), (byte) (keysym >> 16), (byte) (keysym >> 8), (byte) keysym});
    }

    void raw(byte... bytes) throws IOException {
        out.write(bytes);
    }

    /**
     * Asks for one pixel and reads the answer. The server handles a client's messages in order, so once
     * this returns, everything sent before has been applied (or never arrived).
     */
    void roundTrip() throws IOException {
        out.write(new byte[] {3, 0, 0, 0, 0, 0, 0, 1, 0, 1});       // non-incremental 1x1 at 0,0
        if (in.readUnsignedByte() != 0) {
            throw new IOException("expected a FramebufferUpdate");
        }
        in.readUnsignedByte();
        int rects = in.readUnsignedShort();
        for (int i = 0; i < rects; i++) {
            in.readFully(new byte[4]);
            int w = in.readUnsignedShort();
            int h = in.readUnsignedShort();
            if (in.readInt() != 0) {
                throw new IOException("expected a Raw rectangle");
            }
            in.readFully(new byte[w * h * 4]);
        }
    }

    /** Reads until the tunnel ends, discarding what was still in flight; returns how many bytes that was. */
    long readUntilEnd() throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
        }
        return total;
    }
}
