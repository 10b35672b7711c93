package dev.ums.console.core;

import dev.ums.protocol.tls.SelfSignedIdentity;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * OkHttp's MockWebServer on a free loopback port, speaking HTTPS with a fresh self-signed identity, answering canned
 * responses by method and path; it records the requests as they arrived so tests can check them byte for byte. For
 * ImiClient's requests and error mapping and the tunnels' refusals. Test threads and the server's own threads.
 */
final class FakeImiServer implements AutoCloseable {
    private static final String API_ROOT = "/umsapi/v3/";

    private final MockWebServer server = new MockWebServer();
    private final SelfSignedIdentity identity;
    private final Map<String, MockResponse> answers = new ConcurrentHashMap<>();
    private final List<RecordedRequest> seen = new CopyOnWriteArrayList<>();

    FakeImiServer() throws Exception {
        identity = SelfSignedIdentity.create("fake-ums");
        server.useHttps(identity.serverContext().getSocketFactory());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                seen.add(request);
                return answers.getOrDefault(request.getMethod() + " " + path(request),
                        json(404, "{\"message\":\"no such call\"}"));
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** A JSON answer with {@code status}. */
    static MockResponse json(int status, String body) {
        return json(status, body, Map.of());
    }

    /** A JSON answer with {@code status} and further headers. */
    static MockResponse json(int status, String body, Map<String, String> headers) {
        return new MockResponse.Builder().code(status).headers(Headers.of(headers))
                .addHeader("Content-Type", "application/json").body(body).build();
    }

    /** Answers {@code method path} (path below {@code /umsapi/v3/}, without query) with {@code answer}. */
    FakeImiServer on(String method, String path, MockResponse answer) {
        answers.put(method + " " + path, answer);
        return this;
    }

    FakeImiServer on(String method, String path, int status, String body) {
        return on(method, path, json(status, body));
    }

    String fingerprint() {
        return identity.fingerprint();
    }

    int port() {
        return server.getPort();
    }

    ServerAddress address() {
        return new ServerAddress("127.0.0.1", port());
    }

    /** The requests in the order they arrived. */
    List<RecordedRequest> seen() {
        return seen;
    }

    /** The last request to {@code path} (below {@code /umsapi/v3/}, or from the root when outside it). */
    RecordedRequest last(String path) {
        for (int i = seen.size() - 1; i >= 0; i--) {
            if (path(seen.get(i)).equals(path)) {
                return seen.get(i);
            }
        }
        throw new AssertionError("no request to " + path + " in " + seen);
    }

    private static String path(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        return path.startsWith(API_ROOT) ? path.substring(API_ROOT.length()) : path;
    }

    @Override
    public void close() {
        server.close();
    }
}
