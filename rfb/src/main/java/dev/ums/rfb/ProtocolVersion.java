package dev.ums.rfb;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RFB versions we speak, 3.3, 3.7 and 3.8, and the 12-byte greeting ({@code RFB 003.008\n}) with which each
 * side announces its own.
 */
public enum ProtocolVersion {
    V3_3(3),
    V3_7(7),
    V3_8(8);

    /** The greeting's length in bytes. */
    public static final int GREETING_LENGTH = 12;
    private static final Pattern GREETING = Pattern.compile("RFB (\\d{3})\\.(\\d{3})\n");

    private final int minor;

    ProtocolVersion(int minor) {
        this.minor = minor;
    }

    /** As users write it, such as "3.8". */
    public String label() {
        return "3." + minor;
    }

    public byte[] greeting() {
        return String.format("RFB 003.%03d\n", minor).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The version to speak with a peer that announced {@code announced}, as the specification asks of both sides:
     * 3.4 to 3.6 count as 3.3, anything from 3.8 on (Apple's 3.889, a future 4.0) as 3.8. Versions before 3 are
     * the caller's to refuse.
     */
    public static ProtocolVersion closestTo(Announced announced) {
        if (announced.major() > 3 || announced.minor() >= 8) {
            return V3_8;
        }
        return announced.minor() == 7 ? V3_7 : V3_3;
    }

    /** A version as a peer's greeting announced it. */
    public record Announced(int major, int minor) {
        /** The version in a 12-byte greeting; empty when the bytes are not one. */
        public static Optional<Announced> parse(byte[] greeting) {
            Matcher m = GREETING.matcher(new String(greeting, StandardCharsets.ISO_8859_1));
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Announced(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }
}
