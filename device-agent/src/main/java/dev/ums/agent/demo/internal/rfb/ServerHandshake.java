package dev.ums.agent.demo.internal.rfb;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The server side of the RFB handshake up to ServerInit, for clients speaking 3.3, 3.7 or 3.8, with security
 * type None only. Runs on the session's reader thread.
 */
final class ServerHandshake {
    static final int SECURITY_NONE = 1;

    private final DataInputStream in;
    private final DataOutputStream out;
    private int minor;

    ServerHandshake(DataInputStream in, DataOutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Exchanges versions; afterwards either {@link #refuse} or {@link #accept} must follow. */
    void exchangeVersions() throws IOException {
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] version = new byte[12];
        in.readFully(version);
        String text = new String(version, StandardCharsets.US_ASCII);
        if (!text.matches("RFB \\d{3}\\.\\d{3}\n") || !text.startsWith("RFB 003.")) {
            throw new RfbRefusal("the client did not send an RFB 3.x version but \"" + text.strip() + "\"");
        }
        int asked = Integer.parseInt(text.substring(8, 11));
        // 3.4 to 3.6 are to be treated as 3.3 (specification, "ProtocolVersion"); newer minors get 3.8.
        minor = asked >= 8 ? 8 : asked == 7 ? 7 : 3;
    }

    /** Ends the handshake with a reason the client can show. */
    void refuse(String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        if (minor == 3) {
            out.writeInt(0);
        } else {
            out.writeByte(0);
        }
        out.writeInt(text.length);
        out.write(text);
        out.flush();
    }

    /** Offers security None, reads ClientInit and sends ServerInit. */
    void accept(int width, int height, String name) throws IOException {
        if (minor == 3) {
            out.writeInt(SECURITY_NONE);
            out.flush();
        } else {
            out.write(new byte[] {1, SECURITY_NONE});
            out.flush();
            int chosen = in.readUnsignedByte();
            if (chosen != SECURITY_NONE) {
                if (minor == 8) {
                    byte[] reason = "only security type None is offered".getBytes(StandardCharsets.UTF_8);
                    out.writeInt(1);
                    out.writeInt(reason.length);
                    out.write(reason);
                    out.flush();
                }
                throw new RfbRefusal("the client chose security type " + chosen + ", only None (1) is offered");
            }
            if (minor == 8) {
                out.writeInt(0);
                out.flush();
            }
        }
        in.readUnsignedByte(); // shared flag: every demo session is shared
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        out.writeShort(width);
        out.writeShort(height);
        PixelFormat.SERVER_DEFAULT.write(out);
        out.writeInt(nameBytes.length);
        out.write(nameBytes);
        out.flush();
    }
}
