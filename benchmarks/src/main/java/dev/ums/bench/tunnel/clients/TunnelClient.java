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
import okhttp3.OkHttpClient;
import org.glassfish.tyrus.client.ClientManager;

/**
 * One WebSocket client library opening the console's side of tunnels, all trusting one pinned certificate
 * and presenting each tunnel's single-use token as a bearer credential. Opened from one thread at a time;
 * each tunnel then follows its own {@link Endpoint} threading.
 */
public interface TunnelClient extends AutoCloseable {
    Duration TIMEOUT = Duration.ofSeconds(15);

    /** The names the benchmark's command line and table use. */
    List<String> NAMES = List.of("ours", "tyrus", "okhttp");

    /** Short label for tables. */
    String label();

    Endpoint open(URI tunnel, String token) throws IOException;

    @Override
    void close();

    static TunnelClient named(String name, PinnedTrust pin) {
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
        return new TunnelClient() {
            @Override
            public String label() {
                return "WebSocketEndpoint (ours)";
            }

            @Override
            public Endpoint open(URI tunnel, String token) throws IOException {
                return WebSocketEndpoint.connect(client, tunnel, token, TIMEOUT);
            }

            @Override
            public void close() {
            }
        };
    }

    static TunnelClient tyrus(PinnedTrust pin) {
        ClientManager client = TyrusTunnel.client(pin, TIMEOUT);
        return new TunnelClient() {
            @Override
            public String label() {
                return "Tyrus standalone client 2.2.0";
            }

            @Override
            public Endpoint open(URI tunnel, String token) throws IOException {
                return TyrusTunnel.connect(client, tunnel, token);
            }

            @Override
            public void close() {
                client.shutdown();
            }
        };
    }

    /**
     * OkHttp with its defaults (offering permessage-deflate), or tuned not to offer it; the first tunnel's
     * agreed extensions are logged.
     */
    static TunnelClient okHttp(PinnedTrust pin, boolean withoutCompression) {
        OkHttpClient client = withoutCompression ? OkHttpTunnel.withoutCompression(pin, TIMEOUT)
                : OkHttpTunnel.client(pin, TIMEOUT);
        return new TunnelClient() {
            private boolean told;

            @Override
            public String label() {
                return withoutCompression ? "OkHttp 5.5.1, deflate not offered (tuned)" : "OkHttp 5.5.1";
            }

            @Override
            public Endpoint open(URI tunnel, String token) throws IOException {
                OkHttpTunnel opened = OkHttpTunnel.connect(client, tunnel, token, TIMEOUT);
                if (!told) {
                    told = true;
                    System.err.println(label() + ": extensions agreed: \"" + opened.extensions() + "\"");
                }
                return opened;
            }

            @Override
            public void close() {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
                try {
                    client.dispatcher().executorService().awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
