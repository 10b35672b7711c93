package dev.ums.launcher;

import dev.ums.protocol.imi.TcDirectory;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's administrator over IMI REST: files the devices into directories with the calls an administrator's
 * tool would use ({@code PUT …/tcdirectories/create}, {@code PUT …/tcdirectories/{id}?operation=move}; the
 * console's {@code ImiClient} only reads directories) and reads which devices are online.
 */
final class DemoDirectories {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http;
    private final URI api;

    private DemoDirectories(HttpClient http, URI api) {
        this.http = http;
        this.api = api;
    }

    /** Logs in as {@code user}; the session cookie stays in this instance. */
    static DemoDirectories login(String serverUrl, String fingerprint, String user, String password)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(PinnedTrust.fingerprint(fingerprint).sslContext())
                .cookieHandler(new CookieManager())
                .connectTimeout(TIMEOUT)
                .build();
        DemoDirectories directories = new DemoDirectories(http, URI.create(serverUrl + "/umsapi/v3/"));
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        directories.send(HttpRequest.newBuilder(directories.api.resolve("login"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()));
        return directories;
    }

    /**
     * Creates one top-level directory per key and moves the devices (by id) into it; the sessions of the devices
     * in {@code recorded} directories are recorded (the directory's {@code recordSessions} setting).
     */
    void arrange(Map<String, List<String>> deviceIdsByDirectory, Set<String> recorded)
            throws IOException, InterruptedException {
        for (Map.Entry<String, List<String>> entry : deviceIdsByDirectory.entrySet()) {
            String created = send(json(api.resolve("directories/tcdirectories/create"),
                    WireJson.write(Map.of("name", entry.getKey(), "parentID", "-1"))));
            TcDirectory directory = WireJson.read(created, TcDirectory.class);
            if (recorded.contains(entry.getKey())) {
                send(json(api.resolve("directories/tcdirectories/" + directory.id() + "/shadowsettings"),
                        WireJson.write(Map.of("recordSessions", true))));
            }
            String moved = entry.getValue().stream()
                    .map(id -> WireJson.write(Map.of("id", id, "type", "tc")))
                    .collect(Collectors.joining(",", "[", "]"));
            send(json(api.resolve("directories/tcdirectories/" + directory.id() + "?operation=move"), moved));
        }
    }

    /** The names of the devices the server reports online. */
    List<String> onlineDevices() throws IOException, InterruptedException {
        String body = send(HttpRequest.newBuilder(api.resolve("thinclients?facets=online")).GET());
        return Arrays.stream(WireJson.read(body, ThinClient[].class))
                .filter(d -> Boolean.TRUE.equals(d.online())).map(ThinClient::name).toList();
    }

    private static HttpRequest.Builder json(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(TIMEOUT).build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("the demo server refused " + built.method() + " " + built.uri().getPath()
                    + " with HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
