package dev.ums.viewer.internal.handshake;

import dev.ums.rfb.ClientInit;
import dev.ums.rfb.ProtocolVersion;
import dev.ums.rfb.RfbInput;
import dev.ums.rfb.SecurityResult;
import dev.ums.rfb.SecurityType;
import dev.ums.rfb.SecurityTypes;
import dev.ums.rfb.ServerInit;
import dev.ums.viewer.VncAuthenticationException;
import dev.ums.viewer.VncProtocolException;
import dev.ums.viewer.VncSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the RFB opening: version, security (None or VNC authentication), ClientInit and
 * ServerInit. Called once, on the session's reader thread, before any other message flows.
 */
public final class Handshake {
    private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);

    private final RfbInput in;
    private final OutputStream out;
    private final VncSettings settings;
    private ProtocolVersion version;

    public Handshake(RfbInput in, OutputStream out, VncSettings settings) {
        this.in = in;
        this.out = out;
        this.settings = settings;
    }

    public ServerInit perform() throws IOException {
        version = negotiate(in.bytes(ProtocolVersion.GREETING_LENGTH));
        out.write(version.greeting());
        out.flush();
        LOG.debug("speaking {}", version);
        int type = chooseSecurityType(SecurityTypes.decode(in, version));
        if (type == SecurityType.VNC_AUTHENTICATION) {
            authenticate();
        }
        if (type == SecurityType.VNC_AUTHENTICATION || version == ProtocolVersion.V3_8) {
            readSecurityResult(type);
        }
        out.write(new ClientInit(settings.shared()).encode());
        out.flush();
        return ServerInit.decode(in);
    }

    /** The version agreed on, once {@link #perform()} has read the greeting. */
    public ProtocolVersion version() {
        return version;
    }

    /** Our answer to the server's greeting. */
    private static ProtocolVersion negotiate(byte[] greeting) throws VncProtocolException {
        ProtocolVersion.Announced announced = ProtocolVersion.Announced.parse(greeting).orElseThrow(
                () -> new VncProtocolException("The peer is not a VNC server (it did not send an RFB greeting)."));
        if (announced.major() < 3) {
            throw new VncProtocolException("The VNC server speaks protocol version " + announced + ", which is too old.");
        }
        return ProtocolVersion.closestTo(announced);
    }

    /** None if offered, else VNC authentication; from 3.7 on the choice is sent. */
    private int chooseSecurityType(SecurityTypes offer) throws IOException {
        if (offer.isRefusal()) {
            throw new VncProtocolException("The VNC server refused the connection: " + offer.refusal().strip());
        }
        List<Integer> offered = offer.types();
        int chosen = offered.contains(SecurityType.NONE) ? SecurityType.NONE
                : offered.contains(SecurityType.VNC_AUTHENTICATION) ? SecurityType.VNC_AUTHENTICATION : -1;
        if (chosen < 0) {
            throw new VncProtocolException("The VNC server requires a security type this viewer does not support "
                    + "(offered: " + offered + "; supported: 1 None, 2 VNC authentication).");
        }
        if (version != ProtocolVersion.V3_3) {
            out.write(chosen);
            out.flush();
        }
        return chosen;
    }

    private void authenticate() throws IOException {
        byte[] challenge = in.bytes(SecurityType.CHALLENGE_LENGTH);
        char[] password = settings.password().get();
        if (password == null) {
            throw new VncAuthenticationException("The VNC server asks for a password, but none was given.");
        }
        try {
            out.write(VncAuthentication.response(challenge, password));
            out.flush();
        } catch (GeneralSecurityException e) {
            throw new VncProtocolException("This Java runtime cannot perform VNC authentication (DES missing).", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void readSecurityResult(int type) throws IOException {
        SecurityResult result = SecurityResult.decode(in, version);
        if (result.ok()) {
            return;
        }
        String reason = result.reason();
        if (type == SecurityType.VNC_AUTHENTICATION) {
            throw new VncAuthenticationException("The VNC server rejected the password"
                    + (reason.isBlank() ? "." : ": " + reason.strip()));
        }
        throw new VncProtocolException("The VNC server refused the connection"
                + (reason.isBlank() ? "." : ": " + reason.strip()));
    }
}
