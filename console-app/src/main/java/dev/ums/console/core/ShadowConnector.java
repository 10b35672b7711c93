package dev.ums.console.core;

import dev.ums.console.core.ImiException.Kind;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.tls.Fingerprints;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a shadow session end to end: log in, find the device, ask the server (which asks the device), and
 * open the console's side of the tunnel; for an OS 11 device ({@code osVersion} 11…) the secure VNC path
 * instead, TLS straight to the device with the certificate and one-time password the server hands out.
 * Blocking; call it from a worker thread.
 */
public final class ShadowConnector {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowConnector.class);
    private static final Duration TUNNEL_TIMEOUT = Duration.ofSeconds(15);

    /** Where OS 11 devices listen for secure VNC, as the vendor documents it. */
    public static final int DEFAULT_SECURE_VNC_PORT = 5900;

    private final ImiClient client;
    private final SecureVncConnector secureVnc;

    public ShadowConnector(ImiClient client) {
        this(client, DEFAULT_SECURE_VNC_PORT);
    }

    /**
     * @param secureVncPort the port OS 11 devices serve secure VNC on (the server does not know it; every
     *                      device of the vendor's uses 5900, other ports are for forwarded or test set-ups)
     */
    public ShadowConnector(ImiClient client, int secureVncPort) {
        if (secureVncPort < 1 || secureVncPort > 65535) {
            throw new IllegalArgumentException("the secure VNC port must be between 1 and 65535, got " + secureVncPort);
        }
        this.client = client;
        this.secureVnc = new SecureVncConnector(client, secureVncPort);
    }

    /**
     * Logs in with {@code credentials} (wiping the password), resolves {@code device} by id or name and
     * opens the session.
     */
    public ShadowConnection connect(Credentials credentials, String device, boolean viewOnly, ShadowProgress progress)
            throws ImiException {
        progress.reached(ShadowStep.LOGGING_IN, client.server().toString());
        try {
            client.login(credentials.user(), credentials.password());
        } finally {
            credentials.wipe();
        }
        progress.reached(ShadowStep.FINDING_DEVICE, device);
        ThinClient target = DeviceResolver.resolve(client, device);
        return open(target, viewOnly, progress);
    }

    /** Opens a session with a device already chosen, on a client already logged in (the GUI's path). */
    public ShadowConnection open(ThinClient device, boolean viewOnly, ShadowProgress progress) throws ImiException {
        if (isOs11(device)) {
            return secureVnc.open(device, viewOnly, progress);
        }
        progress.reached(ShadowStep.ASKING_SERVER, label(device));
        ShadowSession session = client.startShadow(device.id(), viewOnly);
        LOG.debug("session {} accepted by {} via {}", session.sessionId(), label(device), session.route());
        progress.reached(ShadowStep.DEVICE_ACCEPTED, label(device));
        WebSocketEndpoint tunnel = openTunnel(session);
        progress.reached(ShadowStep.TUNNEL_OPEN, session.sessionId());
        return new ShadowConnection(device, session, tunnel);
    }

    private WebSocketEndpoint openTunnel(ShadowSession session) throws ImiException {
        URI uri = tunnelUri(session.tunnelUrl());
        try {
            return WebSocketEndpoint.connect(tunnelClient(session), uri, session.token(), TUNNEL_TIMEOUT);
        } catch (IOException e) {
            String sentence = e.getMessage() == null ? "the tunnel to the device could not be opened" : e.getMessage();
            Kind kind = sentence.contains("does not match the pinned fingerprint")
                    ? Kind.CERTIFICATE_MISMATCH : Kind.TUNNEL;
            throw new ImiException(kind, 0, sentence, e);
        }
    }

    /**
     * The tunnel ends at the server unless the session names another endpoint's pin (a gateway); only then
     * is a client with that pin needed.
     */
    private HttpClient tunnelClient(ShadowSession session) throws ImiException {
        String pin = session.fingerprint();
        if (pin == null || pin.isBlank()) {
            return client.httpClient();
        }
        String normalized;
        try {
            normalized = Fingerprints.normalize(pin);
        } catch (IllegalArgumentException e) {
            throw new ImiException(Kind.PROTOCOL, 0, "the server named a malformed tunnel fingerprint: " + pin, e);
        }
        if (normalized.equals(client.fingerprint())) {
            return client.httpClient();
        }
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(PinnedTrust.fingerprint(normalized).sslContext())
                .connectTimeout(TUNNEL_TIMEOUT)
                .build();
    }

    private static URI tunnelUri(String url) throws ImiException {
        try {
            URI uri = URI.create(url);
            String scheme = String.valueOf(uri.getScheme());
            if ("https".equalsIgnoreCase(scheme)) {
                return URI.create("wss" + url.strip().substring("https".length()));
            }
            if (!"wss".equalsIgnoreCase(scheme)) {
                throw new ImiException(Kind.PROTOCOL, "the server named a tunnel that is not TLS-protected: " + url);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ImiException(Kind.PROTOCOL, 0, "the server named a malformed tunnel address: " + url, e);
        }
    }

    /** OS 11 devices are shadowed by secure VNC; everything else (12, unknown) through the server's tunnels. */
    static boolean isOs11(ThinClient device) {
        return device.osVersion() != null && device.osVersion().strip().startsWith("11");
    }

    private static String label(ThinClient device) {
        return device.name() + " (id " + device.id() + ")";
    }
}
