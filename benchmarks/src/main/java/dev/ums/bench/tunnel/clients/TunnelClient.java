package dev.ums.bench.tunnel.clients;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.glassfish.tyrus.client.ClientManager;

/**
 * One WebSocket client library opening the console's side of tunnels, all trusting one pinned certificate
 * and presenting each tunnel's single-use token as a bearer credential. Opened from one thread at a time;
 * each tunnel then follows its own {@link Endpoint} threading.
 *
 * @param label  short label for tables
 * @param opener opens one tunnel with the library
 * @param closer releases the library's threads and connections
 */
public record TunnelClient(String label, Opener opener, Runnable closer) implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** The names the benchmark's command line and table use. */
    public static final List<String> NAMES = List.of("ours", "tyrus", "okhttp");

    /** Opens the tunnel at {@code tunnel} with its single-use {@code token}. */
    @FunctionalInterface
    public interface Opener {
        Endpoint open(URI tunnel, String token) throws IOException;
    }

    public Endpoint open(URI tunnel, String token) throws IOException {
        return opener.open(tunnel, token);
    }

    @Override
    public void close() {
        closer.run();
    }

    public static TunnelClient named(String name, PinnedTrust pin) {
        return switch (name) {
            case "ours" -> ours(pin);
            case "tyrus" -> tyrus(pin);
            case "okhttp" -> okHttp(pin, false);
            case "okhttp-no-deflate" -> okHttp(pin, true);
            default -> throw new IllegalArgumentException("unknown tunnel client " + name + "; one of " + NAMES);
        };
    }

    /** The product's {@link WebSocketEndpoint}, with the TLS context of a JDK client, as the console builds it. */
    static TunnelClient ours(PinnedTrust pin) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(pin.sslContext()).connectTimeout(TIMEOUT).build();
        return new TunnelClient("WebSocketEndpoint (ours)",
                (tunnel, token) -> WebSocketEndpoint.connect(client, tunnel, token, TIMEOUT), () -> { });
    }

    static TunnelClient tyrus(PinnedTrust pin) {
        ClientManager client = TyrusTunnel.client(pin, TIMEOUT);
        return new TunnelClient("Tyrus standalone client 2.2.0",
                (tunnel, token) -> TyrusTunnel.connect(client, tunnel, token), client::shutdown);
    }

    /**
     * OkHttp with its defaults (offering permessage-deflate), or tuned not to offer it; the first tunnel's
     * agreed extensions are logged.
     */
    static TunnelClient okHttp(PinnedTrust pin, boolean withoutCompression) {
        OkHttpClient client = withoutCompression ? OkHttpTunnel.withoutCompression(pin, TIMEOUT)
                : OkHttpTunnel.client(pin, TIMEOUT);
        String label = withoutCompression ? "OkHttp 5.5.1, deflate not offered (tuned)" : "OkHttp 5.5.1";
        AtomicBoolean told = new AtomicBoolean();
        return new TunnelClient(label, (tunnel, token) -> {
            OkHttpTunnel opened = OkHttpTunnel.connect(client, tunnel, token, TIMEOUT);
            if (told.compareAndSet(false, true)) {
                System.err.println(label + ": extensions agreed: \"" + opened.extensions() + "\"");
            }
            return opened;
        }, () -> {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
            try {
                client.dispatcher().executorService().awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
