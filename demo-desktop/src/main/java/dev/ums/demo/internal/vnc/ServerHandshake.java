package dev.ums.demo.internal.vnc;

import dev.ums.protocol.log.PeerText;
import dev.ums.rfb.ClientInit;
import dev.ums.rfb.PixelFormat;
import dev.ums.rfb.ProtocolVersion;
import dev.ums.rfb.RfbInput;
import dev.ums.rfb.SecurityResult;
import dev.ums.rfb.SecurityType;
import dev.ums.rfb.SecurityTypes;
import dev.ums.rfb.ServerInit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The server side of the RFB handshake up to ServerInit, for clients speaking 3.3, 3.7 or 3.8, with security
 * type None only. Runs on the session's reader thread.
 */
final class ServerHandshake {
    private final RfbInput in;
    private final OutputStream out;
    private ProtocolVersion version;

    ServerHandshake(RfbInput in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Exchanges versions; afterwards either {@link #refuse} or {@link #accept} must follow. */
    void exchangeVersions() throws IOException {
        send(ProtocolVersion.V3_8.greeting());
        byte[] greeting = in.bytes(ProtocolVersion.GREETING_LENGTH);
        ProtocolVersion.Announced asked = ProtocolVersion.Announced.parse(greeting)
                .filter(announced -> announced.major() == 3)
                .orElseThrow(() -> new RfbRefusal("the client did not send an RFB 3.x version but \""
                        + PeerText.of(new String(greeting, StandardCharsets.ISO_8859_1).strip(),
                                ProtocolVersion.GREETING_LENGTH)
                        + "\""));
        version = ProtocolVersion.closestTo(asked);
    }

    /** Ends the handshake with a reason the client can show. */
    void refuse(String reason) throws IOException {
        send(SecurityTypes.refused(reason).encode(version));
    }

    /** Offers security None, reads ClientInit and sends ServerInit. */
    void accept(int width, int height, String name) throws IOException {
        send(SecurityTypes.offer(SecurityType.NONE).encode(version));
        if (version != ProtocolVersion.V3_3) {
            int chosen = in.u8();
            if (chosen != SecurityType.NONE) {
                if (version == ProtocolVersion.V3_8) {
                    send(SecurityResult.failed("only security type None is offered").encode(version));
                }
                throw new RfbRefusal("the client chose security type " + chosen + ", only None (1) is offered");
            }
            if (version == ProtocolVersion.V3_8) {
                send(SecurityResult.OK.encode(version));
            }
        }
        ClientInit.decode(in); // every demo session is shared
        send(new ServerInit(width, height, PixelFormat.RGB888, name).encode());
    }

    private void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }
}
