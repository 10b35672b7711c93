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
 * open the console's side of the tunnel. Blocking; call it from a worker thread.
 */
public final class ShadowConnector {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowConnector.class);
    private static final Duration TUNNEL_TIMEOUT = Duration.ofSeconds(15);

    private final ImiClient client;

    public ShadowConnector(ImiClient client) {
        this.client = client;
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

    private static String label(ThinClient device) {
        return device.name() + " (id " + device.id() + ")";
    }
}
