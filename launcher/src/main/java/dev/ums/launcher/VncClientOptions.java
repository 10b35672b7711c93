package dev.ums.launcher;

import dev.ums.viewer.VncCertificateTrust;
import dev.ums.viewer.VncKnownCertificates;
import dev.ums.viewer.VncPasswordFile;
import dev.ums.viewer.VncSettings;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options {@code ums viewer} and {@code ums snapshot} share: credentials, the server certificate's pin and the
 * quality overrides. Secrets come from files, never from the command line. Used on the main thread.
 */
final class VncClientOptions {
    /** Where certificates trusted on first use are remembered, one line per server. */
    static final String KNOWN_CERTIFICATES = "known-vnc-certificates";

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the VNC password (first line, or a vncpasswd file).")
    Path passwordFile;

    @Option(names = "--user", paramLabel = "NAME",
            description = "User name for servers that ask for one (VeNCrypt Plain, TLSPlain, X509Plain).")
    String user;

    @Option(names = "--x509-fingerprint", paramLabel = "HEX",
            description = "Trust only the server certificate with this SHA-256 fingerprint (of its DER encoding); "
                    + "without it the first certificate a server presents is remembered and a changed one refused.")
    String x509Fingerprint;

    /** Credentials and certificate trust; {@code changeConfirmation} is asked when a remembered certificate changed. */
    VncSettings.Builder apply(VncSettings.Builder settings, String server,
                              VncCertificateTrust.ChangeConfirmation changeConfirmation) throws IOException {
        if (passwordFile != null) {
            settings.password(VncPasswordFile.read(passwordFile));
        }
        if (user != null) {
            settings.username(user);
        }
        if (x509Fingerprint != null) {
            settings.certificateTrust(VncCertificateTrust.pinned(x509Fingerprint));
        } else {
            settings.certificateTrust(VncCertificateTrust.firstUse(
                    VncKnownCertificates.inFile(DataDirs.data(KNOWN_CERTIFICATES)), server, changeConfirmation));
        }
        return settings;
    }
}
