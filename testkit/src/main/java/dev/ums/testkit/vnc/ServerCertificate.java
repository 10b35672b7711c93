package dev.ums.testkit.vnc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * A fresh self-signed EC certificate and its key as PEM files, made by openssl, for servers that want them (Xvnc's
 * X509 security types, {@code openssl s_server}); {@code sha256} is the certificate's fingerprint, lower-case hex.
 */
public record ServerCertificate(Path cert, Path key, X509Certificate certificate, String sha256) {

    public static ServerCertificate create(Path dir, String commonName) throws IOException {
        Files.createDirectories(dir);
        Path cert = dir.resolve(commonName + ".crt");
        Path key = dir.resolve(commonName + ".key");
        XvncServer.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=" + commonName),
                null, null);
        if (!Files.exists(cert) || !Files.exists(key)) {
            throw new IOException("openssl made no certificate in " + dir);
        }
        try (InputStream in = Files.newInputStream(cert)) {
            X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(x509.getEncoded()));
            return new ServerCertificate(cert, key, x509, sha256);
        } catch (GeneralSecurityException e) {
            throw new IOException("the certificate openssl made cannot be read", e);
        }
    }
}
