package dev.ums.launcher;

import dev.ums.viewer.ColorDepth;
import dev.ums.viewer.Encoding;
import dev.ums.viewer.VncCertificateTrust;
import dev.ums.viewer.VncKnownCertificates;
import dev.ums.viewer.VncPasswordFile;
import dev.ums.viewer.VncSettings;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options {@code ums viewer} and {@code ums snapshot} share: credentials, the server certificate's pin and the
 * quality overrides. Secrets come from files, never from the command line; a password file that other users of the
 * machine may read is used after a warning on stderr ({@link SecretFileWarning}). Used on the main thread.
 */
final class VncClientOptions {
    /** Where certificates trusted on first use are remembered, one line per server. */
    static final String KNOWN_CERTIFICATES = "known-vnc-certificates";

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the VNC password (first line, or a vncpasswd file), readable by its owner only "
                    + "(a warning says so otherwise).")
    Path passwordFile;

    @Option(names = "--user", paramLabel = "NAME",
            description = "User name for servers that ask for one (VeNCrypt Plain, TLSPlain, X509Plain).")
    String user;

    @Option(names = "--allow-plain",
            description = "Send the user name and password in clear text when the server offers only that (VeNCrypt "
                    + "Plain without TLS), which anyone on the network can read; refused without it, as TigerVNC's "
                    + "vncviewer refuses it by default.")
    boolean allowPlain;

    @Option(names = "--x509-fingerprint", paramLabel = "HEX",
            description = "Trust only the server certificate with this SHA-256 fingerprint (of its DER encoding); "
                    + "without it the first certificate a server presents is remembered and a changed one refused.")
    String x509Fingerprint;

    @Option(names = "--quality", paramLabel = "auto|lossless|0-9",
            description = "Picture quality: auto starts at JPEG 8 and chooses from the measured link (lossless on a "
                    + "fast one), lossless turns JPEG off, 0-9 fixes Tight's JPEG quality (default: auto for ums "
                    + "viewer, lossless for ums snapshot).")
    String quality;

    /** The command these options are part of, for its standard error. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The quality when {@code --quality} is not given: a viewer adapts, a snapshot is one exact picture. */
    private final String defaultQuality;

    @Option(names = "--compress", paramLabel = "0-9",
            description = "Fix the compression level (default: chosen with the quality).")
    Integer compress;

    @Option(names = "--encoding", paramLabel = "NAME",
            description = "Use only this encoding: raw, copyrect, rre, hextile, zrle or tight (default: Tight first, "
                    + "then the others).")
    String encoding;

    @Option(names = "--colour", paramLabel = "full|256|64|8", defaultValue = "full",
            description = "Colour depth to ask for (default: ${DEFAULT-VALUE}).")
    String colour;

    /** @param defaultQuality what {@code --quality} means when not given: "auto" or "lossless" */
    VncClientOptions(String defaultQuality) {
        this.defaultQuality = defaultQuality;
    }

    /** Credentials and certificate trust; {@code changeConfirmation} is asked when a remembered certificate changed. */
    VncSettings.Builder apply(VncSettings.Builder settings, String server,
                              VncCertificateTrust.ChangeConfirmation changeConfirmation) throws IOException {
        applyQuality(settings);
        if (passwordFile != null) {
            SecretFileWarning.of("password file", passwordFile)
                    .ifPresent(warning -> command.commandLine().getErr().println("warning: " + warning));
            settings.password(VncPasswordFile.read(passwordFile));
        }
        if (user != null) {
            settings.username(user);
        }
        settings.clearTextPasswords(allowPlain);
        if (x509Fingerprint != null) {
            settings.certificateTrust(VncCertificateTrust.pinned(x509Fingerprint));
        } else {
            settings.certificateTrust(VncCertificateTrust.firstUse(
                    VncKnownCertificates.inFile(DataDirs.data(KNOWN_CERTIFICATES)), server, changeConfirmation));
        }
        return settings;
    }

    private void applyQuality(VncSettings.Builder settings) {
        String quality = this.quality == null ? defaultQuality : this.quality;
        switch (quality.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> settings.jpegQuality(VncSettings.AUTO);
            case "lossless" -> settings.jpegQuality(VncSettings.LOSSLESS);
            default -> settings.jpegQuality(level("--quality", quality, "auto, lossless or a level from 0 to 9"));
        }
        if (compress != null) {
            settings.compressionLevel(level("--compress", compress.toString(), "a level from 0 to 9"));
        } else if (!"auto".equalsIgnoreCase(quality.trim())) {
            settings.compressionLevel(VncSettings.DEFAULT_COMPRESSION);
        }
        if (encoding != null) {
            settings.encodings(Encoding.parse(encoding));
        }
        settings.colorDepth(ColorDepth.parse(colour));
    }

    private static int level(String option, String value, String expected) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0 && n <= 9) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes " + expected + ", not \"" + value + "\".");
    }
}
