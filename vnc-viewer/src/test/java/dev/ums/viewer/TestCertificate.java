package dev.ums.viewer;

import dev.ums.testkit.vnc.ServerCertificate;
import dev.ums.testkit.vnc.XvncServer;
import java.io.IOException;
import java.nio.file.Path;

/** A fresh self-signed certificate and key (PEM files) for Xvnc's X509 security types, as the viewer describes it. */
record TestCertificate(Path cert, Path key, VncServerCertificate described) {

    static TestCertificate create(Path dir, String commonName) throws IOException {
        ServerCertificate made = ServerCertificate.create(dir, commonName);
        return new TestCertificate(made.cert(), made.key(), VncServerCertificate.of(made.certificate()));
    }

    /** A VNC password file as vncpasswd writes it. */
    static Path passwordFile(Path dir, String password) throws IOException {
        return XvncServer.passwordFile(dir, password);
    }
}
