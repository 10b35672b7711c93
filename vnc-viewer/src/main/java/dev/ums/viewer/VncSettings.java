package dev.ums.viewer;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link VncSession} asks the server for and how it behaves: encodings in order of
 * preference, colour depth, Tight JPEG quality and compression level, view-only mode and the
 * password. Immutable; build one with {@link #builder()}.
 */
public final class VncSettings {
    /** Tight JPEG off: every rectangle arrives lossless. */
    public static final int LOSSLESS = -1;
    /** Let the server pick its default compression level. */
    public static final int DEFAULT_COMPRESSION = -1;
    /**
     * For {@link Builder#jpegQuality} and {@link Builder#compressionLevel}: chosen from the measured link and revisited
     * during the session (the default for both).
     */
    public static final int AUTO = -2;

    private final List<Encoding> encodings;
    private final ColorDepth colorDepth;
    private final int jpegQuality;
    private final int compressionLevel;
    private final boolean viewOnly;
    private final boolean shared;
    private final boolean localCursor;
    private final VncCredentialsPrompt credentials;
    private final String username;
    private final VncCertificateTrust certificateTrust;
    private final java.time.Duration handshakeTimeout;
    private final boolean continuousUpdates;
    private final int jpegThreads;
    private final boolean clearTextPasswords;

    private VncSettings(Builder b) {
        this.encodings = List.copyOf(b.encodings);
        this.colorDepth = b.colorDepth;
        this.jpegQuality = b.jpegQuality;
        this.compressionLevel = b.compressionLevel;
        this.viewOnly = b.viewOnly;
        this.shared = b.shared;
        this.localCursor = b.localCursor;
        this.credentials = b.credentials;
        this.username = b.username;
        this.certificateTrust = b.certificateTrust;
        this.handshakeTimeout = b.handshakeTimeout;
        this.continuousUpdates = b.continuousUpdates;
        this.jpegThreads = b.jpegThreads;
        this.clearTextPasswords = b.clearTextPasswords;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static VncSettings defaults() {
        return builder().build();
    }

    public List<Encoding> encodings() {
        return encodings;
    }

    public ColorDepth colorDepth() {
        return colorDepth;
    }

    /** 0 to 9, {@link #LOSSLESS} or {@link #AUTO}. */
    public int jpegQuality() {
        return jpegQuality;
    }

    /** 0 to 9, {@link #DEFAULT_COMPRESSION} or {@link #AUTO}. */
    public int compressionLevel() {
        return compressionLevel;
    }

    public boolean viewOnly() {
        return viewOnly;
    }

    public boolean shared() {
        return shared;
    }

    /**
     * Whether the server should send the cursor shape for us to draw at our pointer instead of
     * painting it in. View-only sessions never do: they show the remote user's cursor.
     */
    public boolean localCursor() {
        return localCursor;
    }

    /** Asked on the session thread only when the server wants a password (and, for VeNCrypt's Plain kinds, a user name). */
    public VncCredentialsPrompt credentials() {
        return credentials;
    }

    /** The user name for VeNCrypt's Plain kinds; empty if none was given (the prompt is then asked for one). */
    public String username() {
        return username;
    }

    /** Decides about the server's certificate in VeNCrypt's X509 kinds; by default every certificate is refused. */
    public VncCertificateTrust certificateTrust() {
        return certificateTrust;
    }

    /**
     * How long the server may take from connecting to ServerInit (password prompts included);
     * a peer that never speaks then ends the session instead of leaving it waiting forever.
     */
    public java.time.Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Threads decoding Tight JPEG rectangles beside the reader; 0 decodes them on the reader thread. */
    public int jpegThreads() {
        return jpegThreads;
    }

    /** Whether to let the server push updates (paced by fences) when it offers to. */
    public boolean continuousUpdates() {
        return continuousUpdates;
    }

    /**
     * Whether a user name and password may be sent in clear text (VeNCrypt's Plain kind without TLS), as when the
     * connection is protected underneath (a TLS tunnel); off by default, as in TigerVNC's viewer.
     */
    public boolean clearTextPasswords() {
        return clearTextPasswords;
    }

    /** Collects settings; every value has a sensible default. */
    public static final class Builder {
        private List<Encoding> encodings = List.of(Encoding.COPY_RECT, Encoding.TIGHT, Encoding.ZRLE,
                Encoding.HEXTILE, Encoding.RRE, Encoding.RAW);
        private ColorDepth colorDepth = ColorDepth.TRUE_COLOR_24;
        private int jpegQuality = AUTO;
        private int compressionLevel = AUTO;
        private boolean viewOnly;
        private boolean shared = true;
        private boolean localCursor = true;
        private VncCredentialsPrompt credentials = VncCredentialsPrompt.NONE;
        private String username = "";
        private VncCertificateTrust certificateTrust = VncCertificateTrust.UNCHECKED;
        private java.time.Duration handshakeTimeout = java.time.Duration.ofSeconds(60);
        private boolean continuousUpdates = true;
        // Off by default: on the 2-core benchmark machine two workers were no faster with a quiet
        // machine (Xvnc was the limit) and slower under load, where every hand-over between
        // threads waits for the scheduler and the server's fence timing sees it (docs/BENCHMARKS.md).
        private int jpegThreads;
        private boolean clearTextPasswords;

        private Builder() {
        }

        /**
         * Allows VeNCrypt's Plain kind, which sends the user name and password in clear text: for a connection that is
         * protected underneath (a TLS tunnel), or a network the user trusts.
         */
        public Builder clearTextPasswords(boolean allowed) {
            this.clearTextPasswords = allowed;
            return this;
        }

        /** Threads decoding Tight JPEG rectangles while the reader goes on (0 to 8; 0 = on the reader thread). */
        public Builder jpegThreads(int threads) {
            if (threads < 0 || threads > 8) {
                throw new IllegalArgumentException("JPEG threads must be between 0 and 8.");
            }
            this.jpegThreads = threads;
            return this;
        }

        public Builder continuousUpdates(boolean on) {
            this.continuousUpdates = on;
            return this;
        }

        public Builder handshakeTimeout(java.time.Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("The handshake timeout must be positive.");
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        public Builder encodings(List<Encoding> preferredFirst) {
            if (preferredFirst.isEmpty()) {
                throw new IllegalArgumentException("At least one encoding is needed.");
            }
            this.encodings = List.copyOf(preferredFirst);
            return this;
        }

        public Builder encodings(Encoding... preferredFirst) {
            return encodings(List.of(preferredFirst));
        }

        public Builder colorDepth(ColorDepth depth) {
            this.colorDepth = Objects.requireNonNull(depth);
            return this;
        }

        public Builder jpegQuality(int quality) {
            this.jpegQuality = checkLevel(quality, "JPEG quality");
            return this;
        }

        public Builder compressionLevel(int level) {
            this.compressionLevel = checkLevel(level, "Compression level");
            return this;
        }

        public Builder viewOnly(boolean on) {
            this.viewOnly = on;
            return this;
        }

        public Builder shared(boolean on) {
            this.shared = on;
            return this;
        }

        public Builder localCursor(boolean on) {
            this.localCursor = on;
            return this;
        }

        /** A password supplier, called on the session thread only if the server asks; null from it means none. */
        public Builder password(Supplier<char[]> source) {
            Objects.requireNonNull(source);
            return credentials(request -> {
                char[] password = source.get();
                return password == null ? null : new VncCredentials(request.knownUsername(), password);
            });
        }

        public Builder password(char[] secret) {
            char[] copy = secret.clone();
            return password(copy::clone);
        }

        /** Asked whenever the server wants credentials; for example a dialog (see {@code VncViewerWindow}). */
        public Builder credentials(VncCredentialsPrompt prompt) {
            this.credentials = Objects.requireNonNull(prompt);
            return this;
        }

        public Builder username(String name) {
            this.username = Objects.requireNonNull(name);
            return this;
        }

        public Builder certificateTrust(VncCertificateTrust trust) {
            this.certificateTrust = Objects.requireNonNull(trust);
            return this;
        }

        public VncSettings build() {
            return new VncSettings(this);
        }

        private static int checkLevel(int value, String what) {
            if (value < AUTO || value > 9) {
                throw new IllegalArgumentException(what + " must be between 0 and 9.");
            }
            return value;
        }
    }
}
