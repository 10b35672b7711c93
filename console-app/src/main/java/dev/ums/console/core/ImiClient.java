package dev.ums.console.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.ums.console.core.ImiException.Kind;
import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.imi.Reenrollment;
import dev.ums.protocol.imi.ServerStatus;
import dev.ums.protocol.imi.ShadowRequest;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.imi.TcDirectory;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.Fingerprints;
import dev.ums.protocol.tls.PinnedTrust;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's REST client for one UMS server (IMI v3 plus this project's shadow calls), trusting only the
 * pinned certificate and keeping the login as a {@code JSESSIONID} cookie.
 *
 * <p>Every call blocks until the answer arrives, so call it from a worker thread, never the Swing event
 * thread; one instance may be used by several threads. Every failure is an {@link ImiException} whose
 * message is one sentence fit to show a user.
 */
public final class ImiClient {
    private static final Logger LOG = LoggerFactory.getLogger(ImiClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    /** The server waits up to 30 s for the device (the user may be asked), so this call waits longer. */
    private static final Duration SHADOW_TIMEOUT = Duration.ofSeconds(45);
    private static final String SESSION_COOKIE = "JSESSIONID";

    private final ServerAddress server;
    private final String fingerprint;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
    private final HttpClient http;

    private ImiClient(ServerAddress server, String fingerprint) {
        this.server = server;
        this.fingerprint = Fingerprints.normalize(fingerprint);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(PinnedTrust.fingerprint(fingerprint).sslContext())
                .cookieHandler(cookies)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A client for {@code server} that trusts only the certificate with SHA-256 {@code fingerprint}.
     *
     * @throws IllegalArgumentException if the fingerprint is not 64 hex digits
     */
    public static ImiClient create(ServerAddress server, String fingerprint) {
        return new ImiClient(server, fingerprint);
    }

    public ServerAddress server() {
        return server;
    }

    /** The pinned fingerprint of the server, normalized. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The HTTP client with the server's pin, reusable for tunnels that end at the server itself. */
    HttpClient httpClient() {
        return http;
    }

    /** Logs in with HTTP Basic; the password array is wiped before this returns. */
    public void login(String user, char[] password) throws ImiException {
        String basic;
        try {
            basic = basicCredentials(user, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        HttpRequest request = request("login", CALL_TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 401) {
            throw new ImiException(Kind.WRONG_CREDENTIALS, 401, "wrong user name or password", null);
        }
        Message answer = read(expectOk(response), Message.class);
        keepSessionCookie(answer);
        LOG.debug("logged in to {} as {}", server, user);
    }

    /** Ends the server session; the cookie is forgotten even if the server cannot be reached. */
    public void logout() throws ImiException {
        try {
            expectOk(send(request("logout", CALL_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build()));
        } finally {
            cookies.getCookieStore().removeAll();
        }
    }

    /** The server's version and name; works without login, so it is a good reachability check. */
    public ServerStatus serverStatus() throws ImiException {
        return read(get("serverstatus"), ServerStatus.class);
    }

    /** All devices with the {@code online} and {@code details} facets. */
    public List<ThinClient> thinClients() throws ImiException {
        return readList(get("thinclients?facets=online,details"), ThinClient.class);
    }

    /** One device with the {@code online} and {@code details} facets. */
    public ThinClient thinClient(String id) throws ImiException {
        return read(get("thinclients/" + segment(id) + "?facets=online,details"), ThinClient.class);
    }

    /**
     * One device with IMI's {@code shadow} facet: its certificate and a fresh one-time session password for
     * OS 11 secure VNC (the server issues a new password, valid 5 minutes, on every call, and audits it).
     */
    public ThinClient thinClientWithShadowSecret(String id) throws ImiException {
        return read(get("thinclients/" + segment(id) + "?facets=shadow"), ThinClient.class);
    }

    /** All device directories with their children. */
    public List<TcDirectory> directories() throws ImiException {
        return readList(get("directories/tcdirectories?facets=children"), TcDirectory.class);
    }

    /**
     * Asks the server to start shadowing: returns once the device accepted and opened its side of the
     * tunnel (this may take as long as the device's user takes to answer), or fails with the server's
     * sentence (offline, declined, not allowed, no VNC server, no answer).
     */
    public ShadowSession startShadow(String deviceId, boolean viewOnly) throws ImiException {
        HttpRequest request = request("thinclients/" + segment(deviceId) + "/shadow", SHADOW_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WireJson.write(new ShadowRequest(viewOnly))))
                .build();
        ShadowSession session = read(expectOk(send(request)), ShadowSession.class);
        if (session.tunnelUrl() == null || session.token() == null) {
            throw new ImiException(Kind.PROTOCOL, 200,
                    "the server started a shadow session but did not say where its tunnel is", null);
        }
        return session;
    }

    /** The server's shadow settings for one device (the agent applies the stricter of these and its own). */
    public ShadowSettings shadowSettings(String deviceId) throws ImiException {
        return read(get("thinclients/" + segment(deviceId) + "/shadowsettings"), ShadowSettings.class);
    }

    /** Replaces the server's shadow settings for one device; returns what the server stored. */
    public ShadowSettings updateShadowSettings(String deviceId, ShadowSettings settings) throws ImiException {
        HttpRequest request = request("thinclients/" + segment(deviceId) + "/shadowsettings", CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(WireJson.write(settings)))
                .build();
        return read(expectOk(send(request)), ShadowSettings.class);
    }

    /** Creates a device directory under {@code parentId} ({@code "-1"} or null for the top level). */
    public TcDirectory createDirectory(String name, String parentId) throws ImiException {
        String body = WireJson.write(java.util.Map.of("name", name, "parentID", parentId == null ? "-1" : parentId));
        HttpRequest request = request("directories/tcdirectories/create", CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return read(expectOk(send(request)), TcDirectory.class);
    }

    /** Moves devices into the directory {@code directoryId}. */
    public void moveDevices(String directoryId, List<String> deviceIds) throws ImiException {
        List<java.util.Map<String, String>> moved = deviceIds.stream()
                .map(id -> java.util.Map.of("id", id, "type", "tc")).toList();
        HttpRequest request = request("directories/tcdirectories/" + segment(directoryId) + "?operation=move",
                CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(WireJson.write(moved)))
                .build();
        expectOk(send(request));
    }

    /** The device's shadow audit log, newest first. */
    public List<AuditEntry> shadowLog(String deviceId) throws ImiException {
        return readList(get("thinclients/" + segment(deviceId) + "/shadowlog"), AuditEntry.class);
    }

    /**
     * Downloads the recording of a shadow log entry ({@code GET shadowsessions/{id}/recording}) into {@code target},
     * replacing it. Administrators only; the server answers 404 when the entry was not recorded or its file is gone.
     */
    public void downloadRecording(long entryId, Path target) throws ImiException {
        HttpRequest request = request("shadowsessions/" + entryId + "/recording", CALL_TIMEOUT)
                .setHeader("Accept", "application/octet-stream").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImiException(Kind.UNREACHABLE, 0, "the request to " + server + " was interrupted",
                    new InterruptedIOException());
        } catch (IOException e) {
            LOG.debug("{} {} failed", request.method(), request.uri(), e);
            throw TransportFailures.describe(server, e);
        }
        int status = response.statusCode();
        String error = null;
        try (InputStream body = response.body()) {
            if (status >= 200 && status < 300) {
                Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                error = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            LOG.debug("downloading {} failed", request.uri(), e);
            throw TransportFailures.describe(server, e);
        }
        if (error != null) {
            throw failure(status, error);
        }
    }

    /** Re-enrollments waiting for a decision: devices that enrolled again with a unit ID the server knows. */
    public List<Reenrollment> reenrollments() throws ImiException {
        return readList(get("reenrollments"), Reenrollment.class);
    }

    /** Approves a waiting re-enrollment (the old credential stops working); returns the server's sentence. */
    public String approveReenrollment(String id) throws ImiException {
        return decide(id, "approve");
    }

    /** Rejects a waiting re-enrollment (the device keeps its credential); returns the server's sentence. */
    public String rejectReenrollment(String id) throws ImiException {
        return decide(id, "reject");
    }

    private String decide(String reenrollmentId, String decision) throws ImiException {
        HttpRequest request = request("reenrollments/" + segment(reenrollmentId) + "/" + decision, CALL_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return read(expectOk(send(request)), Message.class).message();
    }

    private String get(String path) throws ImiException {
        return expectOk(send(request(path, CALL_TIMEOUT).GET().build()));
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(server.apiRoot().resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) throws ImiException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImiException(Kind.UNREACHABLE, 0, "the request to " + server + " was interrupted",
                    new InterruptedIOException());
        } catch (IOException e) {
            LOG.debug("{} {} failed", request.method(), request.uri(), e);
            throw TransportFailures.describe(server, e);
        }
    }

    private String expectOk(HttpResponse<String> response) throws ImiException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        throw failure(status, response.body());
    }

    /** The failure an error answer stands for, with the server's sentence if it sent one. */
    private ImiException failure(int status, String body) {
        String sentence = serverSentence(body);
        if (status == 401) {
            return new ImiException(Kind.NOT_LOGGED_IN, status,
                    "not logged in to " + server + ", or the login expired", null);
        }
        if (sentence == null) {
            sentence = "the server at " + server + " answered HTTP " + status;
        }
        return new ImiException(status == 404 ? Kind.NOT_FOUND : Kind.REFUSED, status, sentence, null);
    }

    /** The server's own sentence from an error body {@code {"message":…}}, or null if it sent none. */
    private static String serverSentence(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            Message message = WireJson.mapper().readValue(body, Message.class);
            return message.message() == null || message.message().isBlank() ? null : message.message().strip();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private <T> T read(String body, Class<T> type) throws ImiException {
        return read(body, WireJson.mapper().constructType(type));
    }

    private <T> List<T> readList(String body, Class<T> element) throws ImiException {
        return read(body, WireJson.mapper().getTypeFactory().constructCollectionType(List.class, element));
    }

    private <T> T read(String body, JavaType type) throws ImiException {
        try {
            T value = WireJson.mapper().readValue(body, type);
            if (value == null) {
                throw new ImiException(Kind.PROTOCOL, 200, "the server at " + server + " sent an empty answer", null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ImiException(Kind.PROTOCOL, 200, "the server at " + server
                    + " sent an answer this console cannot read (" + e.getOriginalMessage() + ")", e);
        }
    }

    /**
     * The cookie normally arrives in {@code Set-Cookie}; if the JDK's cookie store did not take it (some
     * servers mark it for another path or host name), the body {@code {"message":"JSESSIONID=…"}} still
     * carries it, so the login keeps working.
     */
    private void keepSessionCookie(Message answer) {
        URI root = server.apiRoot();
        boolean stored = cookies.getCookieStore().get(root).stream()
                .anyMatch(c -> SESSION_COOKIE.equals(c.getName()));
        String text = answer.message();
        if (stored || text == null || !text.startsWith(SESSION_COOKIE + "=")) {
            return;
        }
        HttpCookie cookie = new HttpCookie(SESSION_COOKIE, text.substring(SESSION_COOKIE.length() + 1).strip());
        cookie.setPath("/umsapi/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(root, cookie);
        LOG.debug("session cookie taken from the login answer's body");
    }

    private static String basicCredentials(String user, char[] password) {
        CharBuffer chars = CharBuffer.allocate(user.length() + 1 + password.length);
        chars.put(user).put(':').put(password).flip();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            return Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(chars.array(), '\0');
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
