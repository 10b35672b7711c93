package dev.ums.server;

import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.UpPaths;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A bare REST client for server tests: pinned TLS, cookies kept, status and body returned as they are. */
final class RestClient {
    final HttpClient http;
    private final String base;

    record Reply(int status, String body) {
        <T> T as(Class<T> type) {
            return WireJson.read(body, type);
        }
    }

    RestClient(UmsServer server) {
        this(server.baseUrl(), server.fingerprint());
    }

    /** A client of {@code server} with the tests' administrator logged in; fails unless the login succeeds. */
    static RestClient asAdmin(UmsServer server) {
        RestClient rest = new RestClient(server);
        Reply login = rest.login("admin", "admin-secret");
        if (login.status() != 200) {
            throw new IllegalStateException("the administrator's login failed: " + login);
        }
        return rest;
    }

    /** A client that holds nothing but the server's pin, as a console opening its tunnel does. */
    static HttpClient pinnedClient(UmsServer server) {
        return HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint(server.fingerprint()).sslContext()).build();
    }

    /** A client of a server known by its base URL and certificate pin, for example one in a child process. */
    RestClient(String baseUrl, String fingerprint) {
        this.base = baseUrl;
        this.http = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(fingerprint).sslContext())
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    Reply login(String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + "/umsapi/v3/login"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path, Object body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : WireJson.write(body)));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
    }

    /** Asks to enroll a device as an agent does, with {@code enrollmentToken}: the server's answer as it is. */
    Reply enroll(String name, String unitId, String enrollmentToken) {
        return enroll(name, unitId, enrollmentToken, null);
    }

    /** An enrollment with the device's own enrollment key (null for none). */
    Reply enroll(String name, String unitId, String enrollmentToken, String enrollmentKey) {
        return post(UpPaths.ENROLL, new EnrollmentRequest(name, unitId, "00:11:22:33:44:55", "12", null, enrollmentKey),
                UpPaths.BEARER + enrollmentToken);
    }

    Reply put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : WireJson.write(body))));
    }

    Reply send(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** A GET whose answer is bytes (a download): its status and body. */
    record Download(int status, byte[] body) {
    }

    Download download(String path) {
        HttpResponse<byte[]> r = exchange(HttpRequest.newBuilder(URI.create(base + path)).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.body());
    }

    private Reply send(HttpRequest.Builder builder) {
        HttpResponse<String> r = exchange(builder, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder builder, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(builder.timeout(Duration.ofSeconds(60)).build(), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
