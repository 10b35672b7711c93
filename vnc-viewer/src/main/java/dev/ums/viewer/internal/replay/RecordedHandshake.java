package dev.ums.viewer.internal.replay;

import dev.ums.rfb.ProtocolVersion;
import dev.ums.rfb.RfbInput;
import dev.ums.rfb.SecurityResult;
import dev.ums.rfb.SecurityType;
import dev.ums.rfb.SecurityTypes;
import dev.ums.rfb.ServerInit;
import dev.ums.rfb.VeNCrypt;
import dev.ums.viewer.VncProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;

/**
 * Follows a recorded RFB opening from both sides without taking part in it: the versions, the security type the
 * client chose, the authentication's bytes (consumed, never checked: no password is needed), the SecurityResult,
 * ClientInit and ServerInit. TLS kinds of VeNCrypt cannot be followed, since what follows is encrypted. Called on
 * the replay's thread.
 */
public final class RecordedHandshake {
    private static final int PLAIN_MAX = 2 * VeNCrypt.MAX_CREDENTIAL_BYTES;

    /** What the opening agreed. */
    public record Result(ProtocolVersion version, String security, ServerInit init) {
    }

    private final RfbInput server;
    private final RfbInput client;

    public RecordedHandshake(RfbInput server, RfbInput client) {
        this.server = server;
        this.client = client;
    }

    public Result follow() throws IOException {
        try {
            return followBoth();
        } catch (EOFException e) {
            throw new VncProtocolException("The recording ends before the VNC connection was established.", e);
        }
    }

    private Result followBoth() throws IOException {
        server.bytes(ProtocolVersion.GREETING_LENGTH);
        ProtocolVersion version = ProtocolVersion.Announced.parse(client.bytes(ProtocolVersion.GREETING_LENGTH))
                .map(ProtocolVersion::closestTo)
                .orElseThrow(() -> new VncProtocolException("The recording does not start with an RFB greeting."));
        SecurityTypes offer = SecurityTypes.decode(server, version);
        if (offer.isRefusal()) {
            throw new VncProtocolException("The recorded VNC connection was refused: " + offer.refusal().strip());
        }
        int type = version == ProtocolVersion.V3_3 ? offer.types().get(0) : client.u8();
        String security;
        boolean result = version == ProtocolVersion.V3_8;
        if (type == SecurityType.NONE) {
            security = "None";
        } else if (type == SecurityType.VNC_AUTHENTICATION) {
            security = "VncAuth";
            vncAuthentication();
            result = true;
        } else if (type == SecurityType.VENCRYPT) {
            security = plainVeNCrypt();
            result = true;
        } else {
            throw new VncProtocolException("The recorded session used security type " + type
                    + ", which the replay cannot follow.");
        }
        if (result) {
            SecurityResult outcome = SecurityResult.decode(server, version);
            if (!outcome.ok()) {
                throw new VncProtocolException("The recorded VNC connection failed its authentication"
                        + (outcome.reason().isBlank() ? "." : ": " + outcome.reason().strip()));
            }
        }
        client.u8();   // ClientInit's shared flag
        return new Result(version, security, ServerInit.decode(server));
    }

    private void vncAuthentication() throws IOException {
        server.skip(SecurityType.CHALLENGE_LENGTH);
        client.skip(SecurityType.CHALLENGE_LENGTH);
    }

    /** VeNCrypt without TLS: its Plain kind, whose credentials are skipped. */
    private String plainVeNCrypt() throws IOException {
        server.skip(2);
        client.skip(2);
        if (server.u8() != 0) {
            throw new VncProtocolException("The recorded VNC connection was refused (VeNCrypt version).");
        }
        List<Integer> offered = VeNCrypt.readSubtypes(server);
        int chosen = client.s32();
        if (!offered.contains(chosen)) {
            throw new VncProtocolException("The recording's client chose a VeNCrypt kind the server did not offer.");
        }
        if (VeNCrypt.usesTls(chosen)) {
            throw new VncProtocolException("The recorded session is encrypted end to end (VeNCrypt "
                    + VeNCrypt.name(chosen) + "), so it cannot be replayed.");
        }
        if (chosen != VeNCrypt.PLAIN) {
            throw new VncProtocolException("The recorded session used VeNCrypt kind " + VeNCrypt.name(chosen)
                    + ", which the replay cannot follow.");
        }
        int user = client.length(PLAIN_MAX, "user name");
        int password = client.length(PLAIN_MAX, "password");
        client.skip((long) user + password);
        return VeNCrypt.name(chosen);
    }
}
