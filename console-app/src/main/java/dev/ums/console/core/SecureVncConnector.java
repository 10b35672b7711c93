package dev.ums.console.core;

import dev.ums.console.core.ImiException.Kind;
import dev.ums.protocol.imi.ShadowSecret;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.tls.CertificatePinMismatch;
import dev.ums.protocol.tls.Fingerprints;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.rfb.ProtocolVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
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
 * to end inside the tunnel and the gateway relays only ciphertext. Blocking; call it from a worker thread.
 */
final class SecureVncConnector {
    private static final Logger LOG = LoggerFactory.getLogger(SecureVncConnector.class);
    static final String COMMAND_PREFIX = "PROCYCMD PW_";
    static final String ROUTE_GATEWAY = "icg";
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** The device checks the password with the server (15 s at most) and may then ask its user (20 s). */
    private static final int ANSWER_TIMEOUT_MILLIS = 45_000;
    private static final Pattern PRESENTED = Pattern.compile("got ([0-9a-f]{64})");
    private static final AtomicLong SESSIONS = new AtomicLong();

    private final ImiClient client;
    private final ConsoleTunnels tunnels;
    /** The port asked for explicitly; null lets the device's reported port (or 5900) decide. */
    private final Integer explicitPort;

    SecureVncConnector(ImiClient client, ConsoleTunnels tunnels, Integer explicitPort) {
        this.client = client;
        this.tunnels = tunnels;
        this.explicitPort = explicitPort;
    }

    ShadowConnection open(ThinClient device, boolean viewOnly, ShadowProgress progress) throws ImiException {
        String label = device.name() + " (id " + device.id() + ")";
        if (viewOnly) {
            throw new ImiException(Kind.REFUSED, "a view-only session is not possible with an OS 11 device: its secure "
                    + "VNC handshake carries no view-only flag (the device's own \"allow input\" setting applies)");
        }
        progress.reached(ShadowStep.ASKING_SERVER, label);
        ThinClient withSecret = client.thinClientWithShadowSecret(device.id());
        X509Certificate certificate = certificate(withSecret.shadowSecret());
        String password = withSecret.shadowSecret().password();
        if (password == null || password.isBlank()) {
            throw new ImiException(Kind.PROTOCOL, "the server sent no session password for " + label);
        }
        if (ROUTE_GATEWAY.equals(device.route())) {
            return throughGateway(device, label, certificate, password, progress);
        }
        String host = withSecret.lastIp() != null ? withSecret.lastIp() : device.lastIp();
        if (host == null || host.isBlank()) {
            throw new ImiException(Kind.UNREACHABLE, "the server knows no address for " + label
                    + ": the device never connected to it");
        }
        int port = port(device);
        String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        Place place = new Place("the device at " + address, address);
        SSLSocket socket = startTls(connect(host, port, address), host, port, place, certificate);
        ShadowSession session = new ShadowSession("os11-" + device.id() + "-" + SESSIONS.incrementAndGet(),
                "tls://" + address, null, "os11", false, 0, Fingerprints.sha256(certificate));
        return finish(device, label, session, socket, place, password, () -> null, progress);
    }

    /**
     * How sentences name the device: {@code device} as a subject ("the device at 10.0.0.7:5900"), {@code address}
     * where a bare address reads better (in parentheses, in progress reports).
     */
    private record Place(String device, String address) {
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
        String via = "the device behind the gateway " + gateway.getHost() + ":" + gateway.getPort();
        Place place = new Place(via, via);
        Socket plain;
        try {
            plain = TunnelSocket.over(tunnel, "os11-tunnel-" + brokered.sessionId());
        } catch (IOException e) {
            tunnel.close();
            throw new ImiException(Kind.TUNNEL, 0, "the tunnel to " + label + " could not be used: " + e.getMessage(),
                    e);
        }
        SSLSocket socket = startTls(plain, device.name(), gateway.getPort(), place, certificate);
        // the token is spent; the session keeps the route, the gateway's tunnel URL and its pin
        ShadowSession session = new ShadowSession(brokered.sessionId(), brokered.tunnelUrl(), null, brokered.route(),
                false, brokered.expiresInSeconds(), brokered.fingerprint());
        return finish(device, label, session, socket, place, password, ShadowConnection.reasonOf(tunnel), progress);
    }

    private static ShadowConnection finish(ThinClient device, String label, ShadowSession session, SSLSocket socket,
                                           Place place, String password, Supplier<String> closeReason,
                                           ShadowProgress progress) throws ImiException {
        try {
            byte[] greeting = handshake(socket, place, password);
            LOG.debug("secure VNC with {}, {}: {}", label, place.device(), new String(greeting, StandardCharsets.US_ASCII).strip());
            progress.reached(ShadowStep.DEVICE_ACCEPTED, label);
            // The greeting the handshake consumed goes back in front of the input: a viewer sees a plain VNC
            // server from its first byte.
            Endpoint link = Endpoint.withInputPrefix(Endpoint.of(socket), greeting);
            X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            ShadowConnection connection = new ShadowConnection(device, session, link, closeReason, presented);
            progress.reached(ShadowStep.TUNNEL_OPEN, place.address());
            return connection;
        } catch (ImiException e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ImiException(Kind.TUNNEL, 0, "the connection to " + place.device() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(ShadowSecret secret) throws ImiException {
        if (secret == null) {
            throw new ImiException(Kind.PROTOCOL, "the server sent no shadow secret for this device");
        }
        if (secret.certificate() == null || secret.certificate().isBlank()) {
            throw new ImiException(Kind.REFUSED, "the server holds no certificate for this device; it never sent one");
        }
        try {
            return SelfSignedIdentity.Pem.decode(secret.certificate());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ImiException(Kind.PROTOCOL, 0, "the certificate the server holds for this device cannot be read", e);
        }
    }

    private static Socket connect(String host, int port, String address) throws ImiException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            plain.setTcpNoDelay(true);
            return plain;
        } catch (IOException e) {
            closeQuietly(plain);
            throw new ImiException(Kind.UNREACHABLE, 0, "cannot connect to the device at " + address + " ("
                    + reason(e) + ")", e);
        }
    }

    /** TLS over {@code plain} trusting only {@code certificate}; the handshake completes before anything is written. */
    private static SSLSocket startTls(Socket plain, String host, int port, Place place, X509Certificate certificate)
            throws ImiException {
        try {
            SSLSocket socket = (SSLSocket) PinnedTrust.exactly(certificate).sslContext().getSocketFactory()
                    .createSocket(plain, host, port, true);
            socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            closeQuietly(plain);
            throw tlsFailure(place, e);
        }
    }

    private static ImiException tlsFailure(Place place, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificatePinMismatch mismatch) {
                Matcher presented = PRESENTED.matcher(String.valueOf(mismatch.getMessage()));
                return new ImiException(Kind.CERTIFICATE_MISMATCH, 0, "the device's certificate does not match the one "
                        + "the server holds (" + place.address() + (presented.find() ? " presents " + presented.group(1) : "")
                        + ")", e);
            }
        }
        if (e instanceof SocketTimeoutException) {
            return new ImiException(Kind.UNREACHABLE, 0, place.device() + " did not complete the TLS "
                    + "handshake", e);
        }
        String why = e instanceof SSLException ? e.getMessage() : reason(e);
        return new ImiException(Kind.TUNNEL, 0, "the TLS handshake with " + place.device() + " failed ("
                + why + ")", e);
    }

    /** Writes the password command and reads the device's answer: its VNC server's 12-byte greeting. */
    private static byte[] handshake(SSLSocket socket, Place place, String password) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((COMMAND_PREFIX + password).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
        byte[] greeting;
        try {
            greeting = socket.getInputStream().readNBytes(ProtocolVersion.GREETING_LENGTH);
        } catch (SocketTimeoutException e) {
            throw new ImiException(Kind.TUNNEL, 0, place.device() + " did not answer the session password "
                    + "within " + ANSWER_TIMEOUT_MILLIS / 1000 + " s", e);
        } catch (IOException e) {
            // a device that refuses closes at once; a reset is the same answer
            throw refused(e);
        }
        if (greeting.length < ProtocolVersion.GREETING_LENGTH) {
            throw refused(null);
        }
        if (ProtocolVersion.Announced.parse(greeting).isEmpty()) {
            throw new ImiException(Kind.PROTOCOL, place.device() + " answered the session password with "
                    + "something other than an RFB greeting");
        }
        socket.setSoTimeout(0);
        return greeting;
    }

    /** The documented handshake has one way to say no (closing), so the sentence names the other causes too. */
    private static ImiException refused(IOException cause) {
        return new ImiException(Kind.REFUSED, 0, "the device refused the session password (or its user declined the "
                + "session, or its VNC server is not running)", cause);
    }

    private static String reason(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("close failed", e);
        }
    }
}
