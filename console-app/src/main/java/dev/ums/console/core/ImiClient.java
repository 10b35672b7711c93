package dev.ums.console.core;

import com.fasterxml.jackson.annotation.JsonProperty;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
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
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's REST client for one UMS server (IMI v3 plus this project's shadow calls), on OkHttp, trusting only
 * the pinned certificate ({@link PinnedHttp}) and keeping the login as a {@code JSESSIONID} cookie.
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
    /** The largest answer read into memory (tens of thousands of devices fit); a larger one is refused. */
    static final long MAX_ANSWER_BYTES = 32L << 20;
    /** An error answer is read this far for the server's sentence. */
    private static final long MAX_ERROR_BYTES = 64L << 10;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String SESSION_COOKIE = "JSESSIONID";

    private final ServerAddress server;
    private final String fingerprint;
    private final SessionCookies cookies = new SessionCookies();
    private final OkHttpClient http;
    private final OkHttpClient patientHttp;

    private ImiClient(ServerAddress server, String fingerprint) {
        this.server = server;
        this.fingerprint = Fingerprints.normalize(fingerprint);
        this.http = PinnedHttp.client(this.fingerprint, cookies, CONNECT_TIMEOUT, CALL_TIMEOUT);
        // shares the connections; only the wait for the first byte of the answer is longer
        this.patientHttp = http.newBuilder().readTimeout(SHADOW_TIMEOUT).build();
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

    /** Logs in with HTTP Basic; the password array is wiped before this returns. */
    public void login(String user, char[] password) throws ImiException {
        String basic;
        try {
            basic = basicCredentials(user, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        Answer answer = call(http, request("login").header("Authorization", "Basic " + basic)
                .post(RequestBody.EMPTY), CALL_TIMEOUT);
        if (answer.status() == 401) {
            throw new ImiException(Kind.WRONG_CREDENTIALS, 401, "wrong user name or password", null);
        }
        keepSessionCookie(read(expectOk(answer), Message.class));
        LOG.debug("logged in to {} as {}", server, user);
    }

    /** Ends the server session; the cookie is forgotten even if the server cannot be reached. */
    public void logout() throws ImiException {
        try {
            expectOk(call(http, request("logout").post(RequestBody.EMPTY), CALL_TIMEOUT));
        } finally {
            cookies.clear();
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
        Request.Builder request = request("thinclients/" + segment(deviceId) + "/shadow")
                .post(json(new ShadowRequest(viewOnly)));
        ShadowSession session = read(expectOk(call(patientHttp, request, SHADOW_TIMEOUT)), ShadowSession.class);
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
        return read(put("thinclients/" + segment(deviceId) + "/shadowsettings", settings), ShadowSettings.class);
    }

    /** Creates a device directory under {@code parentId} ({@code "-1"} or null for the top level). */
    public TcDirectory createDirectory(String name, String parentId) throws ImiException {
        NewDirectory directory = new NewDirectory(name, parentId == null ? "-1" : parentId);
        return read(put("directories/tcdirectories/create", directory), TcDirectory.class);
    }

    /** Moves devices into the directory {@code directoryId}. */
    public void moveDevices(String directoryId, List<String> deviceIds) throws ImiException {
        List<MovedObject> moved = deviceIds.stream().map(id -> new MovedObject(id, "tc")).toList();
        put("directories/tcdirectories/" + segment(directoryId) + "?operation=move", moved);
    }

    /** The device's shadow audit log, newest first. */
    public List<AuditEntry> shadowLog(String deviceId) throws ImiException {
        return readList(get("thinclients/" + segment(deviceId) + "/shadowlog"), AuditEntry.class);
    }

    /**
     * Downloads the recording of a shadow log entry ({@code GET shadowsessions/{id}/recording}) into {@code target},
     * replacing it. Administrators only; the server answers 404 when the entry was not recorded or its file is gone.
     * A recording may be large: the download has no overall limit, only the wait for each part of it is bounded.
     */
    public void downloadRecording(long entryId, Path target) throws ImiException {
        Call call = newCall(http, request("shadowsessions/" + entryId + "/recording")
                .header("Accept", "application/octet-stream").get());
        try (Response response = InterruptibleCall.execute(call)) {
            if (!response.isSuccessful()) {
                throw failure(response.code(), text(response.body().source(), MAX_ERROR_BYTES));
            }
            try (InputStream body = response.body().byteStream()) {
                Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw transportFailure(call, e);
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
        Request.Builder request = request("reenrollments/" + segment(reenrollmentId) + "/" + decision)
                .post(RequestBody.EMPTY);
        return read(expectOk(call(http, request, CALL_TIMEOUT)), Message.class).message();
    }

    private String get(String path) throws ImiException {
        return expectOk(call(http, request(path).get(), CALL_TIMEOUT));
    }

    private String put(String path, Object body) throws ImiException {
        return expectOk(call(http, request(path).put(json(body)), CALL_TIMEOUT));
    }

    private static RequestBody json(Object value) {
        return RequestBody.create(WireJson.write(value).getBytes(StandardCharsets.UTF_8), JSON);
    }

    private Request.Builder request(String path) {
        return new Request.Builder().url(HttpUrl.get(server.apiRoot().resolve(path)))
                .header("Accept", "application/json");
    }

    /** The body of {@code directories/tcdirectories/create}. */
    record NewDirectory(String name, @JsonProperty("parentID") String parentId) {
    }

    /** One object of a move, in IMI's form ({@code type} {@code tc} for a device). */
    record MovedObject(String id, String type) {
    }

    /** A status and the text of the answer, read whole (up to {@link #MAX_ANSWER_BYTES}). */
    private record Answer(int status, String body) {
    }

    private Answer call(OkHttpClient client, Request.Builder request, Duration timeout) throws ImiException {
        Call call = newCall(client, request);
        call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (Response response = InterruptibleCall.execute(call)) {
            boolean ok = response.isSuccessful();
            String body = text(response.body().source(), ok ? MAX_ANSWER_BYTES : MAX_ERROR_BYTES);
            if (body == null && ok) {
                throw new ImiException(Kind.PROTOCOL, response.code(), "the server at " + server
                        + " sent an answer larger than " + (MAX_ANSWER_BYTES >> 20) + " MiB", null);
            }
            return new Answer(response.code(), body);
        } catch (IOException e) {
            throw transportFailure(call, e);
        }
    }

    /** The whole text of {@code source} as UTF-8, or null if it is longer than {@code limit} bytes. */
    private static String text(BufferedSource source, long limit) throws IOException {
        return source.request(limit + 1) ? null : source.readString(StandardCharsets.UTF_8);
    }

    private static Call newCall(OkHttpClient client, Request.Builder request) {
        return client.newCall(request.tag(PinnedHttp.Progress.class, new PinnedHttp.Progress()).build());
    }

    private ImiException transportFailure(Call call, IOException failure) {
        if (failure instanceof ImiException typed) {
            return typed;
        }
        LOG.debug("{} {} failed", call.request().method(), call.request().url(), failure);
        if (failure instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            return new ImiException(Kind.UNREACHABLE, 0, "the request to " + server + " was interrupted", failure);
        }
        PinnedHttp.Progress progress = call.request().tag(PinnedHttp.Progress.class);
        return TransportFailures.describe(server, failure, progress != null && progress.connected());
    }

    private String expectOk(Answer answer) throws ImiException {
        if (answer.status() >= 200 && answer.status() < 300) {
            return answer.body();
        }
        throw failure(answer.status(), answer.body());
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
     * The cookie normally arrives in {@code Set-Cookie}; if it was not taken (some servers mark it for another path
     * or host name), the body {@code {"message":"JSESSIONID=…"}} still carries it, so the login keeps working.
     */
    private void keepSessionCookie(Message answer) {
        HttpUrl root = HttpUrl.get(server.apiRoot());
        String text = answer.message();
        if (cookies.has(root, SESSION_COOKIE) || text == null || !text.startsWith(SESSION_COOKIE + "=")) {
            return;
        }
        cookies.keep(root, SESSION_COOKIE, text.substring(SESSION_COOKIE.length() + 1).strip(), "/umsapi/");
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
