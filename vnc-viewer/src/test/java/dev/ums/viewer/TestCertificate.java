package dev.ums.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** A fresh self-signed certificate and key (PEM files) for Xvnc's X509 security types, made by openssl. */
record TestCertificate(Path cert, Path key, VncServerCertificate described) {

    static TestCertificate create(Path dir, String commonName) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path cert = dir.resolve(commonName + ".crt");
        Path key = dir.resolve(commonName + ".key");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "2", "-subj", "/CN=" + commonName).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("openssl failed: " + output);
        }
        try (InputStream in = Files.newInputStream(cert)) {
            X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return new TestCertificate(cert, key, VncServerCertificate.of(x509));
        } catch (CertificateException e) {
            throw new IOException(e);
        }
    }

    /** A VNC password file as vncpasswd writes it. */
    static Path passwordFile(Path dir, String password) throws IOException, InterruptedException {
        Path file = dir.resolve("passwd");
        Process p = new ProcessBuilder("vncpasswd", "-f").redirectOutput(file.toFile()).start();
        p.getOutputStream().write((password + "\n").getBytes());
        p.getOutputStream().close();
        if (p.waitFor() != 0) {
            throw new IOException("vncpasswd failed");
        }
        return file;
    }
}
