package dev.ums.console.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ums.protocol.tls.SelfSignedIdentity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server on a free loopback port with a fresh self-signed identity, answering canned responses by
 * method and path; it records the requests so tests can check headers. For ImiClient's error mapping.
 */
final class FakeImiServer implements AutoCloseable {
    /** A canned answer. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    /** What a request carried. */
    record Seen(String method, String path, String query, String authorization, String cookie, String body) {
    }

    private final HttpsServer server;
    private final SelfSignedIdentity identity;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    FakeImiServer() throws Exception {
        identity = SelfSignedIdentity.create("fake-ums");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity.keyStore(), SelfSignedIdentity.keyStorePassword());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers {@code method path} (path below {@code /umsapi/v3/}, without query) with {@code answer}. */
    FakeImiServer on(String method, String path, Answer answer) {
        answers.put(method + " " + path, answer);
        return this;
    }

    FakeImiServer on(String method, String path, int status, String body) {
        return on(method, path, Answer.json(status, body));
    }

    String fingerprint() {
        return identity.fingerprint();
    }

    int port() {
        return server.getAddress().getPort();
    }

    ServerAddress address() {
        return new ServerAddress("127.0.0.1", port());
    }

    List<Seen> seen() {
        return seen;
    }

    Seen last(String path) {
        for (int i = seen.size() - 1; i >= 0; i--) {
            if (seen.get(i).path().equals(path)) {
                return seen.get(i);
            }
        }
        throw new AssertionError("no request to " + path + " in " + seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().replaceFirst("^/umsapi/v3/", "");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Cookie"), body));
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
                Answer.json(404, "{\"message\":\"no such call\"}"));
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
