package dev.ums.console.core;

import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.SessionEnd;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open shadow session: the console's end of the link carrying raw RFB bytes to and from the device's VNC
 * server (a tunnel through the server or gateway, or for OS 11 the TLS connection straight to the device),
 * with the session and device it belongs to. Read by one thread, written by one thread.
 *
 * <p>For OS 11 straight to the device the server creates no session, so {@link #session()} describes the
 * connection locally: id {@code os11-<device id>-<n>}, route {@code os11}, {@code tunnelUrl}
 * {@code tls://ADDRESS:PORT}, no token, and as {@code fingerprint} the SHA-256 of the device certificate that was
 * pinned. For OS 11 through a gateway it is the server's session (route {@code icg}, the gateway's tunnel URL and
 * pin) without its spent token; {@link #deviceCertificate()} gives the certificate TLS was pinned to.
 */
public final class ShadowConnection implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowConnection.class);

    private final ThinClient device;
    private final ShadowSession session;
    private final Endpoint link;
    private final Supplier<String> closeReason;
    private final X509Certificate deviceCertificate;

    ShadowConnection(ThinClient device, ShadowSession session, WebSocketEndpoint tunnel) {
        this(device, session, tunnel, reasonOf(tunnel), null);
    }

    ShadowConnection(ThinClient device, ShadowSession session, Endpoint link, Supplier<String> closeReason,
                     X509Certificate deviceCertificate) {
        this.device = device;
        this.session = session;
        this.link = link;
        this.closeReason = closeReason;
        this.deviceCertificate = deviceCertificate;
    }

    /** The far side's reason as a sentence: ours for a typed reason, else the text it gave. */
    static Supplier<String> reasonOf(WebSocketEndpoint tunnel) {
        return () -> tunnel.endedWith().map(SessionEnd::sentence).orElseGet(tunnel::closeReason);
    }

    public ThinClient device() {
        return device;
    }

    public ShadowSession session() {
        return session;
    }

    /** Why the far side ended the session, if it said so; null while open or when no reason was given. */
    public String closeReason() {
        return closeReason.get();
    }

    /**
     * For OS 11, the certificate the device presented in the TLS handshake the console ran with it (equal to
     * the one the server holds, or the session would not exist), also when the bytes travel through a gateway
     * tunnel; empty for OS 12, whose tunnel TLS ends at the server or gateway.
     */
    public Optional<X509Certificate> deviceCertificate() {
        return Optional.ofNullable(deviceCertificate);
    }

    @Override
    public InputStream input() throws IOException {
        return link.input();
    }

    @Override
    public OutputStream output() throws IOException {
        return link.output();
    }

    /** Closes the link; through a tunnel the server then ends the device's side and the session. */
    @Override
    public void close() {
        try {
            link.close();
        } catch (IOException e) {
            LOG.trace("closing {} failed", this, e);
        }
    }

    @Override
    public String toString() {
        // logged (the proxy's lines): the device's name and id as the log quotes a peer's text
        return "shadow session " + session.sessionId() + " with " + PeerText.of(device.name(), 200) + " (id "
                + PeerText.of(device.id(), 64) + ")";
    }
}
