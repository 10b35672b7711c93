package dev.ums.console.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ums.console.core.ImiException.Reason;
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
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's REST client for one UMS server (IMI v3 plus this project's shadow calls), on OkHttp, trusting only
 * the pinned certificate ({@link PinnedHttp}) and keeping the login as a {@code JSESSIONID} cookie. The requests
 * are made here; {@link ImiCalls} sends them within bounds and {@link ImiAnswers} reads what comes back.
 *
 * <p>Every call blocks until the answer arrives, so call it from a worker thread, never the Swing event
 * thread; one instance may be used by several threads. Every failure is a typed {@link ImiException}.
 */
public final class ImiClient {
    /** The largest answer read into memory (tens of thousands of devices fit); a larger one is refused. */
    public static final long MAX_ANSWER_BYTES = 32L << 20;
    /**
     * The largest session recording downloaded: 4 GiB, 13 minutes of the fastest-growing recording measured (a
     * full-screen 1080p animation, 317 MiB a minute; an idle desktop adds tens of bytes a minute), while the player
     * already takes 14 to 24 minutes to replay 4 GiB to its end (docs/RECORDING.md, "Downloading"). The server sets
     * no limit.
     */
    public static final long MAX_RECORDING_BYTES = 4L << 30;
    /** The free space a recording download leaves at least on the disk it is written to. */
    public static final long KEEP_FREE_BYTES = 1L << 30;
    private static final Logger LOG = LoggerFactory.getLogger(ImiClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    /** The server waits up to 30 s for the device (the user may be asked), so this call waits longer. */
    private static final Duration SHADOW_TIMEOUT = Duration.ofSeconds(45);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String SESSION_COOKIE = "JSESSIONID";

    private final ServerAddress server;
    private final String fingerprint;
    private final SessionCookies cookies = new SessionCookies();
    private final OkHttpClient http;
    private final OkHttpClient patientHttp;
    private final ImiCalls calls;
    private final ImiAnswers answers;
    private final RecordingDownload recordings;

    private ImiClient(ServerAddress server, String fingerprint, long maxRecordingBytes,
                      RecordingDownload.FreeSpace freeSpace) {
        this.server = server;
        this.fingerprint = Fingerprints.normalize(fingerprint);
        this.http = PinnedHttp.client(this.fingerprint, cookies, CONNECT_TIMEOUT, CALL_TIMEOUT);
        // shares the connections; only the wait for the first byte of the answer is longer
        this.patientHttp = http.newBuilder().readTimeout(SHADOW_TIMEOUT).build();
        this.calls = new ImiCalls(server);
        this.answers = new ImiAnswers(server);
        this.recordings = new RecordingDownload(server, maxRecordingBytes, freeSpace);
    }

    /**
     * A client for {@code server} that trusts only the certificate with SHA-256 {@code fingerprint}.
     *
     * @throws IllegalArgumentException if the fingerprint is not 64 hex digits
     */
    public static ImiClient create(ServerAddress server, String fingerprint) {
        return new ImiClient(server, fingerprint, MAX_RECORDING_BYTES, RecordingDownload.DISK);
    }

    /** A client that downloads recordings of at most {@code maxRecordingBytes}, seeing disks as {@code freeSpace}. */
    static ImiClient create(ServerAddress server, String fingerprint, long maxRecordingBytes,
                            RecordingDownload.FreeSpace freeSpace) {
        return new ImiClient(server, fingerprint, maxRecordingBytes, freeSpace);
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
        ImiAnswer answer = calls.send(http, request("login").header("Authorization", "Basic " + basic)
                .post(RequestBody.EMPTY), CALL_TIMEOUT);
        if (answer.status() == 401) {
            throw ImiException.atServer(Reason.WRONG_CREDENTIALS, server, 401, null, null);
        }
        keepSessionCookie(answers.read(answers.expectOk(answer), Message.class));
        LOG.debug("logged in to {} as {}", server, user);
    }

    /** Ends the server session; the cookie is forgotten even if the server cannot be reached. */
    public void logout() throws ImiException {
        try {
            answers.expectOk(calls.send(http, request("logout").post(RequestBody.EMPTY), CALL_TIMEOUT));
        } finally {
            cookies.clear();
        }
    }

    /**
     * Closes the connections kept open for the next call; a later call opens a new one. For a client that is dropped:
     * its connections would otherwise stay open at the server until the server's idle timeout, and a server stops at
     * once only when no client holds a connection to it (otherwise it waits for them up to its stop timeout).
     */
    public void closeIdleConnections() {
        http.connectionPool().evictAll();
    }

    /** The server's version and name; works without login, so it is a good reachability check. */
    public ServerStatus serverStatus() throws ImiException {
        return answers.read(get("serverstatus"), ServerStatus.class);
    }

    /** All devices with the {@code online} and {@code details} facets. */
    public List<ThinClient> thinClients() throws ImiException {
        return answers.readIdentified(get("thinclients?facets=online,details"), ThinClient.class, ThinClient::id);
    }

    /** One device with the {@code online} and {@code details} facets. */
    public ThinClient thinClient(String id) throws ImiException {
        return answers.read(get("thinclients/" + segment(id) + "?facets=online,details"), ThinClient.class);
    }

    /**
     * One device with IMI's {@code shadow} facet: its certificate and a fresh one-time session password for
     * OS 11 secure VNC (the server issues a new password, valid 5 minutes, on every call, and audits it).
     */
    public ThinClient thinClientWithShadowSecret(String id) throws ImiException {
        return answers.read(get("thinclients/" + segment(id) + "?facets=shadow"), ThinClient.class);
    }

    /** All device directories with their children. */
    public List<TcDirectory> directories() throws ImiException {
        return answers.readIdentified(get("directories/tcdirectories?facets=children"), TcDirectory.class,
                TcDirectory::id);
    }

    /**
     * Asks the server to start shadowing: returns once the device accepted and opened its side of the
     * tunnel (this may take as long as the device's user takes to answer), or fails with the server's
     * sentence (offline, declined, not allowed, no VNC server, no answer).
     */
    public ShadowSession startShadow(String deviceId, boolean viewOnly) throws ImiException {
        Request.Builder request = request("thinclients/" + segment(deviceId) + "/shadow")
                .post(json(new ShadowRequest(viewOnly)));
        ShadowSession session = answers.read(answers.expectOk(calls.send(patientHttp, request, SHADOW_TIMEOUT)),
                ShadowSession.class);
        if (session.tunnelUrl() == null || session.token() == null) {
            throw ImiException.atServer(Reason.NO_TUNNEL_IN_SESSION, server, 200, null, null);
        }
        return session;
    }

    /** The server's shadow settings for one device (the agent applies the stricter of these and its own). */
    public ShadowSettings shadowSettings(String deviceId) throws ImiException {
        return answers.read(get("thinclients/" + segment(deviceId) + "/shadowsettings"), ShadowSettings.class);
    }

    /** Replaces the server's shadow settings for one device; returns what the server stored. */
    public ShadowSettings updateShadowSettings(String deviceId, ShadowSettings settings) throws ImiException {
        return answers.read(put("thinclients/" + segment(deviceId) + "/shadowsettings", settings), ShadowSettings.class);
    }

    /** Creates a device directory under {@code parentId} ({@code "-1"} or null for the top level). */
    public TcDirectory createDirectory(String name, String parentId) throws ImiException {
        NewDirectory directory = new NewDirectory(name, parentId == null ? "-1" : parentId);
        return answers.read(put("directories/tcdirectories/create", directory), TcDirectory.class);
    }

    /** Moves devices into the directory {@code directoryId}. */
    public void moveDevices(String directoryId, List<String> deviceIds) throws ImiException {
        List<MovedObject> moved = deviceIds.stream().map(id -> new MovedObject(id, "tc")).toList();
        put("directories/tcdirectories/" + segment(directoryId) + "?operation=move", moved);
    }

    /** The device's shadow audit log, newest first. */
    public List<AuditEntry> shadowLog(String deviceId) throws ImiException {
        return answers.readList(get("thinclients/" + segment(deviceId) + "/shadowlog"), AuditEntry.class);
    }

    /**
     * Downloads the recording of a shadow log entry ({@code GET shadowsessions/{id}/recording}) into {@code target},
     * replacing it once every byte arrived; on any failure {@code target} is left as it was and no partial file
     * stays beside it. Administrators only; the server answers 404 when the entry was not recorded or its file is
     * gone. At most {@link #MAX_RECORDING_BYTES}, leaving {@link #KEEP_FREE_BYTES} free on the target's disk, and only
     * an answer whose end shows (its length, or chunks); each wait for a part of it is bounded.
     */
    public void downloadRecording(long entryId, Path target) throws ImiException {
        // identity: a recording is compressed already, and a declared length must be the length of what is written;
        // close: a server that sends past its length must not leave those bytes to the next call on the connection
        answers.expectOk(calls.download(http, request("shadowsessions/" + entryId + "/recording")
                .header("Accept", "application/octet-stream").header("Accept-Encoding", "identity")
                .header("Connection", "close").get(), target, recordings));
    }

    /** Re-enrollments waiting for a decision: devices that enrolled again with a unit ID the server knows. */
    public List<Reenrollment> reenrollments() throws ImiException {
        return answers.readIdentified(get("reenrollments"), Reenrollment.class, Reenrollment::id);
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
        return answers.read(answers.expectOk(calls.send(http, request, CALL_TIMEOUT)), Message.class).message();
    }

    private String get(String path) throws ImiException {
        return answers.expectOk(calls.send(http, request(path).get(), CALL_TIMEOUT));
    }

    private String put(String path, Object body) throws ImiException {
        return answers.expectOk(calls.send(http, request(path).put(json(body)), CALL_TIMEOUT));
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

    /**
     * An id as one path segment of a request. {@code .} and {@code ..} cannot be one: URLs resolve them, encoded or
     * not, so a call about a device or re-enrollment with such an id (the server's lists name the ids) would reach
     * another route, such as {@code /umsapi/v3/approve}.
     */
    private String segment(String id) throws ImiException {
        if (".".equals(id) || "..".equals(id)) {
            throw ImiException.atServer(Reason.UNREADABLE_ANSWER, server, 200,
                    "the id \"" + id + "\", which no request can name", null);
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
