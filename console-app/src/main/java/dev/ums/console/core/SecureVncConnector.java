package dev.ums.console.core;

import dev.ums.console.core.ImiException.Reason;
import dev.ums.protocol.imi.ShadowSecret;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.tls.Fingerprints;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.secure.SecureVncHandshake;
import dev.ums.protocol.secure.SecureVncHandshake.SecureVncException;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.TunnelSocket;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS 11 path of a shadow session, as the vendor documents it for API clients: get the device's
 * certificate and a one-time password from the server ({@code ?facets=shadow}), open TLS to the device,
 * accept exactly that certificate (DER equality; no CA, no host name), and only then send
 * {@code PROCYCMD PW_<password>} (no line ending: the vendor's text shows none). The device answers its VNC
 * server's greeting ({@code RFB 003.008\n}) or closes.
 *
 * <p>Two ways to reach the device: straight to its address ({@code lastIP}) and secure port, or, for a device
 * whose route is {@code icg}, through a tunnel at its gateway that the server brokers like an OS 12 session
 * ({@code POST …/shadow}); the device joins that tunnel to its secure port, so the same TLS session runs end
 * to end inside the tunnel and the gateway relays only ciphertext. The handshake itself is shadow-protocol's
 * {@link SecureVncHandshake}, shared with the server; this class finds the way and turns its typed failures into
 * the console's (keeping the handshake's description as their detail). Blocking; call it from a worker thread.
 */
record SecureVncConnector(ImiClient client, ConsoleTunnels tunnels, Integer explicitPort) {
    private static final Logger LOG = LoggerFactory.getLogger(SecureVncConnector.class);
    static final String ROUTE_GATEWAY = "icg";
    private static final AtomicLong SESSIONS = new AtomicLong();
    /** The port asked for explicitly; null lets the device's reported port (or 5900) decide. */

    ShadowConnection open(ThinClient device, boolean viewOnly, ShadowProgress progress) throws ImiException {
        String label = PeerText.of(device.name(), 200) + " (id " + PeerText.of(device.id(), 64) + ")";
        if (viewOnly) {
            throw ImiException.of(Reason.VIEW_ONLY_NOT_POSSIBLE, null);
        }
        progress.reached(ShadowStep.ASKING_SERVER, label);
        ThinClient withSecret = client.thinClientWithShadowSecret(device.id());
        X509Certificate certificate = certificate(withSecret.shadowSecret());
        String password = withSecret.shadowSecret().password();
        if (password == null || password.isBlank()) {
            throw ImiException.about(Reason.NO_SESSION_PASSWORD, label, null, null);
        }
        if (ROUTE_GATEWAY.equals(device.route())) {
            return throughGateway(device, label, certificate, password, progress);
        }
        String host = withSecret.lastIp() != null ? withSecret.lastIp() : device.lastIp();
        if (host == null || host.isBlank()) {
            throw ImiException.about(Reason.NO_DEVICE_ADDRESS, label, null, null);
        }
        int port = port(device);
        String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        Place place = new Place("the device at " + address, address, Reason.DEVICE_CONNECTION_FAILED, address);
        SSLSocket socket;
        try {
            socket = SecureVncHandshake.startTls(SecureVncHandshake.connect(host, port, address), host, port,
                    certificate, place.device(), place.address());
        } catch (SecureVncException e) {
            throw imiException(e);
        }
        ShadowSession session = new ShadowSession("os11-" + device.id() + "-" + SESSIONS.incrementAndGet(),
                "tls://" + address, null, "os11", false, 0, Fingerprints.sha256(certificate));
        return finish(device, label, session, socket, place, password, () -> null, progress);
    }

    /**
     * How the handshake's sentences name the device: {@code device} as a subject ("the device at 10.0.0.7:5900"),
     * {@code address} where a bare address reads better (in parentheses, in progress reports); {@code failure} and
     * {@code endpoint} (host and port, the device's or the gateway's) type a connection that fails after the handshake.
     */
    private record Place(String device, String address, Reason failure, String endpoint) {
    }

    /** Direct path: what the caller asked for, else what the device reported, else the vendor's 5900. */
    private int port(ThinClient device) {
        if (explicitPort != null) {
            return explicitPort;
        }
        Integer reported = device.securePort();
        return reported != null && reported > 0 && reported <= 65535 ? reported : ShadowConnector.DEFAULT_SECURE_VNC_PORT;
    }

    /**
     * The server asks the device (through its gateway) to join a gateway tunnel to its secure port; the
     * console runs TLS over its end of that tunnel, pinned to the device's certificate, not the gateway's.
     */
    private ShadowConnection throughGateway(ThinClient device, String label, X509Certificate certificate,
                                            String password, ShadowProgress progress) throws ImiException {
        ShadowSession brokered = client.startShadow(device.id(), false);
        LOG.debug("session {} accepted by {} via {}", brokered.sessionId(), label, brokered.route());
        WebSocketEndpoint tunnel = tunnels.open(brokered);
        URI gateway = ConsoleTunnels.tunnelUri(brokered.tunnelUrl());
        String endpoint = gateway.getHost() + ":" + gateway.getPort();
        String via = "the device behind the gateway " + endpoint;
        Place place = new Place(via, via, Reason.GATEWAY_DEVICE_CONNECTION_FAILED, endpoint);
        Socket plain;
        try {
            plain = TunnelSocket.over(tunnel, "os11-tunnel-" + brokered.sessionId());
        } catch (IOException e) {
            tunnel.close();
            throw ImiException.about(Reason.GATEWAY_TUNNEL_UNUSABLE, label, e.getMessage(), e);
        }
        SSLSocket socket;
        try {
            socket = SecureVncHandshake.startTls(plain, device.name(), gateway.getPort(), certificate, place.device(),
                    place.address());
        } catch (SecureVncException e) {
            throw imiException(e);
        }
        // the token is spent; the session keeps the route, the gateway's tunnel URL and its pin
        ShadowSession session = new ShadowSession(brokered.sessionId(), brokered.tunnelUrl(), null, brokered.route(),
                false, brokered.expiresInSeconds(), brokered.fingerprint());
        return finish(device, label, session, socket, place, password, ShadowConnection.reasonOf(tunnel), progress);
    }

    private static ShadowConnection finish(ThinClient device, String label, ShadowSession session, SSLSocket socket,
                                           Place place, String password, Supplier<String> closeReason,
                                           ShadowProgress progress) throws ImiException {
        // The greeting the handshake consumed is back in front of the input: a viewer sees a plain VNC server
        // from its first byte.
        Endpoint link;
        X509Certificate presented;
        try {
            link = SecureVncHandshake.sendPassword(socket, place.device(), password);
            presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
        } catch (SecureVncException e) {
            throw imiException(e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw ImiException.about(place.failure(), place.endpoint(), e.getMessage(), e);
        }
        LOG.debug("secure VNC with {}, {}", label, place.device());
        progress.reached(ShadowStep.DEVICE_ACCEPTED, label);
        ShadowConnection connection = new ShadowConnection(device, session, link, closeReason, presented);
        progress.reached(ShadowStep.TUNNEL_OPEN, place.address());
        return connection;
    }

    private static ImiException imiException(SecureVncException e) {
        Reason reason = switch (e.failure()) {
            case UNREACHABLE -> Reason.DEVICE_UNREACHABLE;
            case CERTIFICATE_MISMATCH -> Reason.DEVICE_CERTIFICATE_MISMATCH;
            case REFUSED -> Reason.DEVICE_REFUSED;
            case NOT_RFB -> Reason.DEVICE_NOT_VNC;
            case TLS_FAILED, NO_ANSWER -> Reason.DEVICE_HANDSHAKE_FAILED;
        };
        return ImiException.about(reason, null, e.getMessage(), e);
    }

    private static X509Certificate certificate(ShadowSecret secret) throws ImiException {
        if (secret == null) {
            throw ImiException.of(Reason.NO_SHADOW_SECRET, null);
        }
        if (secret.certificate() == null || secret.certificate().isBlank()) {
            throw ImiException.of(Reason.NO_DEVICE_CERTIFICATE, null);
        }
        try {
            return SelfSignedIdentity.Pem.decode(secret.certificate());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ImiException.of(Reason.UNREADABLE_DEVICE_CERTIFICATE, e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("close failed", e);
        }
    }
}
