package dev.ums.agent.internal.shadow;

import dev.ums.protocol.tls.Fingerprints;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens the device's side of a tunnel, trusting the server's pin, or the pin the server named for the
 * tunnel (a gateway's), and only at a {@code wss} address ({@link TunnelUrl}). The HTTP clients of the
 * {@value #CLIENTS_KEPT} pins used last are kept for the next sessions, keyed by the pin's normalised form; an older
 * one is let go and its selector thread ends once its last tunnel is gone, so a server naming a new pin in every
 * {@code shadow.open} cannot make the agent hold a thread per pin. Any thread.
 */
public final class TunnelOpener {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A device uses its server's pin and perhaps a gateway's; a few more cover a move between gateways. */
    public static final int CLIENTS_KEPT = 4;

    private final String serverFingerprint;
    /** Guarded by itself; in the order the pins were used, the least recent first. */
    private final Map<String, HttpClient> clients = new LinkedHashMap<>(CLIENTS_KEPT + 1, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, HttpClient> eldest) {
            return size() > CLIENTS_KEPT;
        }
    };

    public TunnelOpener(String serverFingerprint) {
        this.serverFingerprint = serverFingerprint;
    }

    /** @throws IOException with one sentence: not a wss URL, not a pin, refused token, pin mismatch, unreachable */
    public WebSocketEndpoint open(String tunnelUrl, String token, String tunnelFingerprint) throws IOException {
        TunnelUrl url = TunnelUrl.parse(tunnelUrl);
        String named = tunnelFingerprint == null || tunnelFingerprint.isBlank() ? serverFingerprint : tunnelFingerprint;
        String pin;
        try {
            pin = Fingerprints.normalize(named);
        } catch (IllegalArgumentException e) {
            throw new IOException("the tunnel pin is not a SHA-256 fingerprint: " + ShownValue.of(named), e);
        }
        return WebSocketEndpoint.connect(client(pin), url.uri(), token, TIMEOUT);
    }

    private HttpClient client(String pin) {
        synchronized (clients) {
            return clients.computeIfAbsent(pin, p -> HttpClient.newBuilder()
                    .sslContext(PinnedTrust.fingerprint(p).sslContext())
                    .connectTimeout(TIMEOUT)
                    .build());
        }
    }
}
