package dev.ums.console.core;

import dev.ums.console.core.ImiException.Reason;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.tls.CertificatePinMismatch;
import dev.ums.protocol.tls.Fingerprints;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Opens the console's side of a session's tunnel WebSocket, at the server or at the gateway the session
 * names (trusting that gateway's pin). Shared by the OS 12 path and the OS 11 path through a gateway. A failure
 * quotes the server's address or pin cut to {@value #MAX_QUOTED_CHARS} characters with control characters replaced,
 * as it quotes the server's sentences. Blocking; call it from a worker thread.
 */
record ConsoleTunnels(ImiClient client) {
    static final Duration TUNNEL_TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_QUOTED_CHARS = ImiAnswers.MAX_QUOTED_CHARS;

    WebSocketEndpoint open(ShadowSession session) throws ImiException {
        URI uri = tunnelUri(session.tunnelUrl());
        HttpClient pinned = tunnelClient(session);
        try {
            return WebSocketEndpoint.connect(pinned, uri, session.token(), TUNNEL_TIMEOUT);
        } catch (IOException e) {
            var mismatch = CertificatePinMismatch.in(e);
            if (mismatch.isPresent()) {
                throw ImiException.tunnelCertificateMismatch(mismatch.get().presented(), e.getMessage(), e);
            }
            throw ImiException.about(Reason.TUNNEL_NOT_OPENED, quoted(uri.toString()), e.getMessage(), e);
        }
    }

    /**
     * The tunnel ends at the server, trusting the server's pin, unless the session names another endpoint's pin (a
     * gateway). Only the client's TLS context is used: the tunnel is opened on a socket of its own.
     */
    private HttpClient tunnelClient(ShadowSession session) throws ImiException {
        String pin = session.fingerprint();
        String normalized;
        try {
            normalized = pin == null || pin.isBlank() ? client.fingerprint() : Fingerprints.normalize(pin);
        } catch (IllegalArgumentException e) {
            throw ImiException.about(Reason.MALFORMED_TUNNEL_FINGERPRINT, quoted(pin), null, e);
        }
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(PinnedTrust.fingerprint(normalized).sslContext())
                .connectTimeout(TUNNEL_TIMEOUT)
                .build();
    }

    static URI tunnelUri(String url) throws ImiException {
        try {
            URI uri = URI.create(url);
            String scheme = String.valueOf(uri.getScheme());
            if ("https".equalsIgnoreCase(scheme)) {
                return URI.create("wss" + url.strip().substring("https".length()));
            }
            if (!"wss".equalsIgnoreCase(scheme)) {
                throw ImiException.about(Reason.TUNNEL_NOT_TLS, quoted(url), null, null);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw ImiException.about(Reason.MALFORMED_TUNNEL_ADDRESS, quoted(url), null, e);
        }
    }

    private static String quoted(String serversText) {
        return PeerText.of(serversText, MAX_QUOTED_CHARS);
    }
}
