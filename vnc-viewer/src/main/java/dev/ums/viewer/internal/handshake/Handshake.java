package dev.ums.viewer.internal.handshake;

import dev.ums.viewer.VncAuthenticationException;
import dev.ums.viewer.VncProtocolException;
import dev.ums.viewer.VncSettings;
import dev.ums.viewer.internal.message.RfbInput;
import dev.ums.viewer.internal.message.ServerInit;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the RFB opening: version, security (None or VNC authentication), ClientInit and
 * ServerInit. Called once, on the session's reader thread, before any other message flows.
 */
public final class Handshake {
    private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);
    static final int NONE = 1;
    static final int VNC_AUTH = 2;
    private static final int MAX_REASON = 64 * 1024;

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
        version = ProtocolVersion.negotiate(in.bytes(12));
        out.write(version.greeting());
        out.flush();
        LOG.debug("speaking {}", version);
        int type = version == ProtocolVersion.V3_3 ? securityTypeV33() : chooseSecurityType();
        if (type == VNC_AUTH) {
            authenticate();
        }
        if (type == VNC_AUTH || version == ProtocolVersion.V3_8) {
            readSecurityResult(version, type);
        }
        out.write(settings.shared() ? 1 : 0);
        out.flush();
        return ServerInit.decode(in);
    }

    /** The version agreed on, once {@link #perform()} has read the greeting. */
    public ProtocolVersion version() {
        return version;
    }

    private int securityTypeV33() throws IOException {
        int type = in.s32();
        if (type == 0) {
            throw refused();
        }
        if (type != NONE && type != VNC_AUTH) {
            throw unsupported(new int[] {type});
        }
        return type;
    }

    private int chooseSecurityType() throws IOException {
        int count = in.u8();
        if (count == 0) {
            throw refused();
        }
        int[] offered = new int[count];
        for (int i = 0; i < count; i++) {
            offered[i] = in.u8();
        }
        int chosen = Arrays.stream(offered).anyMatch(t -> t == NONE) ? NONE
                : Arrays.stream(offered).anyMatch(t -> t == VNC_AUTH) ? VNC_AUTH : -1;
        if (chosen < 0) {
            throw unsupported(offered);
        }
        out.write(chosen);
        out.flush();
        return chosen;
    }

    private void authenticate() throws IOException {
        byte[] challenge = in.bytes(16);
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

    private void readSecurityResult(ProtocolVersion version, int type) throws IOException {
        int result = in.s32();
        if (result == 0) {
            return;
        }
        String reason = version == ProtocolVersion.V3_8 ? in.string(MAX_REASON, "failure reason") : "";
        if (type == VNC_AUTH) {
            throw new VncAuthenticationException("The VNC server rejected the password"
                    + (reason.isBlank() ? "." : ": " + reason.strip()));
        }
        throw new VncProtocolException("The VNC server refused the connection"
                + (reason.isBlank() ? "." : ": " + reason.strip()));
    }

    private VncProtocolException refused() throws IOException {
        String reason = in.string(MAX_REASON, "failure reason");
        return new VncProtocolException("The VNC server refused the connection: " + reason.strip());
    }

    private static VncProtocolException unsupported(int[] offered) {
        return new VncProtocolException("The VNC server requires a security type this viewer does not support "
                + "(offered: " + Arrays.toString(offered) + "; supported: 1 None, 2 VNC authentication).");
    }
}
