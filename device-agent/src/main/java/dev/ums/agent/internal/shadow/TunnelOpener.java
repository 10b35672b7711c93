package dev.ums.agent.internal.shadow;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens the device's side of a tunnel, trusting the server's pin, or the pin the server named for the
 * tunnel (a gateway's), and only at a {@code wss} address ({@link TunnelUrl}). One HTTP client per pin, reused
 * across sessions. Any thread.
 */
public final class TunnelOpener {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String serverFingerprint;
    private final ConcurrentHashMap<String, HttpClient> clients = new ConcurrentHashMap<>();

    public TunnelOpener(String serverFingerprint) {
        this.serverFingerprint = serverFingerprint;
    }

    /** @throws IOException with one sentence: not a wss URL, refused token, pin mismatch, unreachable */
    public WebSocketEndpoint open(String tunnelUrl, String token, String tunnelFingerprint) throws IOException {
        TunnelUrl url = TunnelUrl.parse(tunnelUrl);
        String pin = tunnelFingerprint == null || tunnelFingerprint.isBlank() ? serverFingerprint : tunnelFingerprint;
        HttpClient client = clients.computeIfAbsent(pin, p -> HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(p).sslContext())
                .connectTimeout(TIMEOUT)
                .build());
        return WebSocketEndpoint.connect(client, url.uri(), token, TIMEOUT);
    }
}
