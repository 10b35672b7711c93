package dev.ums.console.core;

import dev.ums.protocol.tunnel.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocket;

/**
 * The console's end of an OS 11 secure VNC connection after the handshake: the TLS socket, with the
 * device's RFB greeting (consumed to learn that the password was accepted) put back at the front of the
 * input, so a viewer reading it sees a plain VNC server from its first byte.
 */
final class SecureVncLink implements Endpoint {
    private final SSLSocket socket;
    private final InputStream input;

    SecureVncLink(SSLSocket socket, byte[] greeting) throws IOException {
        this.socket = socket;
        this.input = new SequenceInputStream(new ByteArrayInputStream(greeting.clone()), socket.getInputStream());
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The certificate the TLS peer presented: the device's own, which the handshake pinned exactly. */
    X509Certificate peerCertificate() throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    @Override
    public String toString() {
        return "secure VNC " + socket.getRemoteSocketAddress();
    }
}
