package dev.ums.protocol.tls;

import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peer presented a certificate other than the pinned one; {@link #presented()} is its SHA-256 fingerprint. A TLS
 * failure carries it as a cause; {@link #in(Throwable)} finds it there. Immutable, any thread.
 */
public final class CertificatePinMismatch extends CertificateException {
    private static final long serialVersionUID = 1L;
    private static final String MARKER = "certificate does not match the pinned";
    private static final Pattern TEXT = Pattern.compile(Pattern.quote(MARKER) + " one: expected (.*), got ([0-9a-f]{64})");

    private final String expected;
    private final String presented;

    public CertificatePinMismatch(String expected, String presented) {
        super(MARKER + " one: expected " + expected + ", got " + presented);
        this.expected = expected;
        this.presented = presented;
    }

    /** What was pinned: a fingerprint, or a description of the one certificate accepted. */
    public String expected() {
        return expected;
    }

    /** The SHA-256 fingerprint (lower-case hex) of the certificate the peer presented. */
    public String presented() {
        return presented;
    }

    /**
     * The mismatch behind {@code failure}, if it is one: found in its causes, or read back from a message where a
     * TLS layer kept only the text of the cause (as TLS alerts that wrap it in a new exception do).
     */
    public static Optional<CertificatePinMismatch> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificatePinMismatch mismatch) {
                return Optional.of(mismatch);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher text = TEXT.matcher(String.valueOf(t.getMessage()));
            if (text.find()) {
                return Optional.of(new CertificatePinMismatch(text.group(1), text.group(2)));
            }
        }
        return Optional.empty();
    }
}
