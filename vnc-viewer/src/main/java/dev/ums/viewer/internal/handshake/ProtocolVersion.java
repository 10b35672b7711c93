package dev.ums.viewer.internal.handshake;

import dev.ums.viewer.VncProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The RFB version we speak with a server: 3.3, 3.7 or 3.8, whichever is highest that both know. */
public enum ProtocolVersion {
    V3_3("RFB 003.003\n"),
    V3_7("RFB 003.007\n"),
    V3_8("RFB 003.008\n");

    private static final Pattern GREETING = Pattern.compile("RFB (\\d{3})\\.(\\d{3})\n");
    private final String greeting;

    ProtocolVersion(String greeting) {
        this.greeting = greeting;
    }

    /** As users write it, such as "3.8". */
    public String label() {
        return greeting.substring(6, 7) + "." + Integer.parseInt(greeting.substring(8, 11));
    }

    public byte[] greeting() {
        return greeting.getBytes(StandardCharsets.US_ASCII);
    }

    /** Picks our answer to the server's 12-byte greeting; unknown minor versions fall back as the spec asks. */
    public static ProtocolVersion negotiate(byte[] serverGreeting) throws VncProtocolException {
        String text = new String(serverGreeting, StandardCharsets.ISO_8859_1);
        Matcher m = GREETING.matcher(text);
        if (!m.matches()) {
            throw new VncProtocolException("The peer is not a VNC server (it did not send an RFB greeting).");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < 3) {
            throw new VncProtocolException("The VNC server speaks protocol version " + major + "." + minor
                    + ", which is too old.");
        }
        if (major > 3 || minor >= 8) {
            return V3_8;
        }
        return minor == 7 ? V3_7 : V3_3;
    }
}
