package dev.ums.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import dev.ums.console.core.ImiException.Kind;
import dev.ums.console.gui.ImiSentences;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ImiClient against OkHttp's MockWebServer over TLS: the requests byte for byte and every kind of failure. */
class ImiClientTest {
    private static final String LOGIN_OK = "{\"message\":\"JSESSIONID=abc123\"}";
    private static final Map<String, String> COOKIE =
            Map.of("Set-Cookie", "JSESSIONID=abc123; Path=/umsapi/; Secure; HttpOnly");

    private FakeImiServer server;
    private ImiClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeImiServer();
        server.on("POST", "login", FakeImiServer.json(200, LOGIN_OK, COOKIE));
        client = ImiClient.create(server.address(), server.fingerprint());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Asserts that {@code call} fails with an ImiException of {@code kind}, for further checks of it. */
    private static AbstractThrowableAssert<?, ? extends Throwable> failsWith(Kind kind, ThrowingCallable call) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    private void loggedIn() throws ImiException {
        client.login("admin", "pw".toCharArray());
    }

    @Test
    void loginSendsBasicCredentialsAndLaterCallsCarryTheSessionCookie() throws Exception {
        server.on("GET", "thinclients", 200,
                "[{\"id\":\"7\",\"name\":\"Curry\",\"unitID\":\"00E0C5\",\"online\":true,\"route\":\"direct\","
                        + "\"objectType\":\"tc\",\"movedToBin\":false,\"extra\":1}]");

        client.login("admin", "s3cret:ü".toCharArray());
        List<ThinClient> devices = client.thinClients();

        RecordedRequest login = server.last("login");
        String expected = Base64.getEncoder().encodeToString("admin:s3cret:ü".getBytes(StandardCharsets.UTF_8));
        assertThat(login.getRequestLine()).isEqualTo("POST /umsapi/v3/login HTTP/1.1");
        assertThat(login.getHeaders().get("Authorization")).isEqualTo("Basic " + expected);
        assertThat(login.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(login.getHeaders().get("Content-Length")).isEqualTo("0");
        assertThat(login.getHeaders().get("Cookie")).isNull();
        assertThat(login.getBodySize()).isZero();
        RecordedRequest list = server.last("thinclients");
        assertThat(list.getRequestLine()).isEqualTo("GET /umsapi/v3/thinclients?facets=online,details HTTP/1.1");
        assertThat(list.getHeaders().values("Cookie")).containsExactly("JSESSIONID=abc123");
        assertThat(list.getHeaders().get("Authorization")).isNull();
        assertThat(devices).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("7");
            assertThat(d.unitId()).isEqualTo("00E0C5");
            assertThat(d.online()).isTrue();
        });
    }

    @Test
    void theSessionCookieWorksWithAHostName() throws Exception {
        server.on("GET", "thinclients", 200, "[]");
        ImiClient byName = ImiClient.create(new ServerAddress("localhost", server.port()), server.fingerprint());

        byName.login("admin", "pw".toCharArray());
        byName.thinClients();

        assertThat(server.last("thinclients").getHeaders().get("Cookie")).isEqualTo("JSESSIONID=abc123");
        assertThat(server.last("thinclients").getHeaders().get("Host")).isEqualTo("localhost:" + server.port());
    }

    @Test
    void theCookieIsTakenFromTheLoginBodyWhenTheHeaderIsMissing() throws Exception {
        server.on("POST", "login", 200, LOGIN_OK);
        server.on("GET", "directories/tcdirectories", 200, "[{\"id\":\"1\",\"name\":\"Lab\",\"dirChildren\":[]}]");

        loggedIn();

        assertThat(client.directories()).extracting(d -> d.name()).containsExactly("Lab");
        assertThat(server.last("directories/tcdirectories").getTarget())
                .isEqualTo("/umsapi/v3/directories/tcdirectories?facets=children");
        assertThat(server.last("directories/tcdirectories").getHeaders().get("Cookie")).isEqualTo("JSESSIONID=abc123");
    }

    @Test
    void loginWipesThePasswordArray() throws Exception {
        char[] password = "secret".toCharArray();

        client.login("admin", password);

        assertThat(password).containsOnly('\0');
    }

    /**
     * Asserts that {@code call} fails with an ImiException of {@code kind} and {@code status},
     * told as {@code sentence}.
     */
    private static void failsWith(Kind kind, int status, String sentence, ThrowingCallable call) {
        failsWith(kind, call).satisfies(e -> assertThat(((ImiException) e).status()).isEqualTo(status))
                .extracting(ImiSentences::of, STRING).isEqualTo(sentence);
    }

    @Test
    void aWrongPasswordIsOneSentence() {
        server.on("POST", "login", 401, "{\"message\":\"Unauthorized\"}");

        failsWith(Kind.WRONG_CREDENTIALS, 401, "wrong user name or password",
                () -> client.login("admin", "nope".toCharArray()));
    }

    @Test
    void aThrottledLoginPassesTheServersSentenceThrough() {
        server.on("POST", "login", 429, "{\"message\":\"too many failed logins; try again in 4 seconds\"}");

        failsWith(Kind.REFUSED, 429, "too many failed logins; try again in 4 seconds",
                () -> client.login("admin", "pw".toCharArray()));
    }

    @Test
    void aServerThatIsDownNamesHostAndPort() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        ImiClient nowhere = ImiClient.create(new ServerAddress("127.0.0.1", closedPort), server.fingerprint());

        failsWith(Kind.UNREACHABLE, 0, "cannot connect to 127.0.0.1:" + closedPort,
                nowhere::serverStatus);
    }

    @Test
    void aServerThatDropsTheConnectionInsteadOfAnsweringIsUnreachable() {
        server.on("GET", "serverstatus", new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        failsWith(Kind.UNREACHABLE, client::serverStatus)
                .extracting(ImiSentences::of, STRING)
                .startsWith("the connection to 127.0.0.1:" + server.port() + " failed: ");
    }

    @Test
    void interruptingTheCallingThreadAbandonsAWaitingCall() throws Exception {
        server.on("POST", "thinclients/7/shadow", new MockResponse.Builder().code(200).body("{}")
                .headersDelay(40, TimeUnit.SECONDS).build());
        loggedIn();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                client.startShadow("7", false);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        }, "shadow-caller");
        caller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.seen().size() == 2);

        caller.interrupt();

        assertThat(outcome.get(20, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("the request to 127.0.0.1:" + server.port() + " was interrupted");
    }

    @Test
    void aCertificateOtherThanThePinnedOneIsRefusedBeforeAnyCredentialIsSent() {
        String otherPin = "ab".repeat(32);
        ImiClient pinnedElsewhere = ImiClient.create(server.address(), otherPin);

        assertThatThrownBy(() -> pinnedElsewhere.login("admin", "pw".toCharArray()))
                .isInstanceOfSatisfying(ImiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CERTIFICATE_MISMATCH);
                    assertThat(e.presentedFingerprint()).contains(server.fingerprint());
                })
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("the server's certificate does not match the pinned fingerprint (127.0.0.1:"
                        + server.port() + " presents " + server.fingerprint() + ")");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void anotherServerAtThePinnedAddressIsAMismatchThatNamesItsCertificate() throws Exception {
        try (FakeImiServer impostor = new FakeImiServer()) {
            impostor.on("POST", "login", FakeImiServer.json(200, LOGIN_OK, COOKIE));
            ImiClient pinnedToTheRealOne = ImiClient.create(impostor.address(), server.fingerprint());

            assertThatThrownBy(() -> pinnedToTheRealOne.login("admin", "pw".toCharArray()))
                    .isInstanceOfSatisfying(ImiException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.CERTIFICATE_MISMATCH);
                        assertThat(e.presentedFingerprint()).contains(impostor.fingerprint());
                    })
                    .extracting(ImiSentences::of, STRING).contains(" presents " + impostor.fingerprint() + ")");
            assertThat(impostor.seen()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "409 | the device is offline",
        "403 | the user at the device declined the session",
        "403 | shadowing is not allowed on this device",
        "502 | the device's VNC server is not running",
        "504 | the device did not answer the shadow request"})
    void shadowRefusalsPassTheServersSentenceThrough(int status, String sentence) throws Exception {
        server.on("POST", "thinclients/7/shadow", status, "{\"message\":\"" + sentence + "\"}");
        loggedIn();

        failsWith(Kind.REFUSED, status, sentence,
                () -> client.startShadow("7", false));
    }

    @Test
    void startShadowPostsViewOnlyAndReadsTheSession() throws Exception {
        server.on("POST", "thinclients/7/shadow", 200, "{\"sessionId\":\"s1\",\"tunnelUrl\":\"wss://h:1/shadow/tunnel/s1\","
                + "\"token\":\"t\",\"route\":\"direct\",\"viewOnly\":true,\"expiresInSeconds\":30}");
        loggedIn();

        ShadowSession session = client.startShadow("7", true);

        RecordedRequest request = server.last("thinclients/7/shadow");
        assertThat(request.getRequestLine()).isEqualTo("POST /umsapi/v3/thinclients/7/shadow HTTP/1.1");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBody().utf8()).isEqualTo("{\"viewOnly\":true}");
        assertThat(request.getHeaders().get("Content-Length")).isEqualTo("17");
        assertThat(session.sessionId()).isEqualTo("s1");
        assertThat(session.viewOnly()).isTrue();
        assertThat(session.fingerprint()).isNull();
    }

    @Test
    void aSessionWithoutATunnelIsAProtocolFailure() throws Exception {
        server.on("POST", "thinclients/7/shadow", 200, "{\"sessionId\":\"s1\"}");
        loggedIn();

        failsWith(Kind.PROTOCOL, () -> client.startShadow("7", false))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("the server started a shadow session but did not say where its tunnel is");
    }

    @Test
    void idsAreEncodedAsOnePathSegment() throws Exception {
        server.on("GET", "thinclients/a%20b%2Fc%3F", 200, "{\"id\":\"a b/c?\",\"name\":\"odd\"}");
        loggedIn();

        assertThat(client.thinClientWithShadowSecret("a b/c?").name()).isEqualTo("odd");
        assertThat(server.last("thinclients/a%20b%2Fc%3F").getTarget())
                .isEqualTo("/umsapi/v3/thinclients/a%20b%2Fc%3F?facets=shadow");
    }

    @Test
    void directoriesAreCreatedAndDevicesMovedWithIMIsBodies() throws Exception {
        server.on("PUT", "directories/tcdirectories/create", 200, "{\"id\":\"9\",\"name\":\"Lab\",\"parentID\":\"-1\"}");
        server.on("PUT", "directories/tcdirectories/9", 200, "{\"message\":\"moved\"}");
        loggedIn();

        assertThat(client.createDirectory("Lab", null).id()).isEqualTo("9");
        client.moveDevices("9", List.of("7", "8"));

        RecordedRequest create = server.last("directories/tcdirectories/create");
        assertThat(create.getMethod()).isEqualTo("PUT");
        assertThat(create.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(create.getBody().utf8()).isEqualTo("{\"name\":\"Lab\",\"parentID\":\"-1\"}");
        RecordedRequest move = server.last("directories/tcdirectories/9");
        assertThat(move.getTarget()).isEqualTo("/umsapi/v3/directories/tcdirectories/9?operation=move");
        assertThat(move.getBody().utf8()).isEqualTo("[{\"id\":\"7\",\"type\":\"tc\"},{\"id\":\"8\",\"type\":\"tc\"}]");
    }

    @Test
    void reenrollmentDecisionsPostNothingAndReturnTheServersSentence() throws Exception {
        server.on("POST", "reenrollments/r1/approve", 200, "{\"message\":\"approved\"}");
        loggedIn();

        assertThat(client.approveReenrollment("r1")).isEqualTo("approved");
        assertThat(server.last("reenrollments/r1/approve").getBodySize()).isZero();
    }

    @Test
    void anUnknownDeviceIsNotFoundWithTheServersSentence() throws Exception {
        server.on("GET", "thinclients/99", 404, "{\"message\":\"no device with id 99\"}");
        loggedIn();

        failsWith(Kind.NOT_FOUND, 404, "no device with id 99",
                () -> client.thinClient("99"));
    }

    @Test
    void anErrorWithoutASentenceNamesTheStatus() throws Exception {
        server.on("GET", "thinclients/7/shadowlog", 500, "<html>oops</html>");
        loggedIn();

        failsWith(Kind.REFUSED, () -> client.shadowLog("7"))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("the server at 127.0.0.1:" + server.port() + " answered HTTP 500");
    }

    @Test
    void callsWithoutLoginSayso() {
        server.on("GET", "thinclients", 401, "{\"message\":\"authentication required\"}");

        failsWith(Kind.NOT_LOGGED_IN, client::thinClients)
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("not logged in to 127.0.0.1:" + server.port() + ", or the login expired");
    }

    @Test
    void aGarbageAnswerIsAProtocolFailureNotACrash() {
        server.on("GET", "serverstatus", 200, "{not json");

        failsWith(Kind.PROTOCOL, client::serverStatus)
                .extracting(ImiSentences::of, STRING).startsWith("the server at 127.0.0.1:" + server.port()
                        + " sent an answer this console cannot read");
    }

    @Test
    void anEmptyAnswerIsAProtocolFailure() {
        server.on("GET", "serverstatus", 200, "");

        failsWith(Kind.PROTOCOL, client::serverStatus);
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefusedWithoutReadingItWhole() {
        Buffer huge = new Buffer().writeUtf8("[");
        byte[] chunk = " ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
        for (long written = 1; written <= ImiClient.MAX_ANSWER_BYTES; written += chunk.length) {
            huge.write(chunk);
        }
        server.on("GET", "thinclients", new MockResponse.Builder().code(200).body(huge.writeUtf8("]")).build());

        failsWith(Kind.PROTOCOL, client::thinClients)
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("the server at 127.0.0.1:" + server.port() + " sent an answer larger than 32 MiB");
    }

    @Test
    void serverStatusNeedsNoLoginAndLogoutForgetsTheCookie() throws Exception {
        server.on("GET", "serverstatus", 200, "{\"rmGuiServerVersion\":\"0.1.0\",\"server\":\"ums\"}");
        server.on("POST", "logout", 200, "{\"message\":\"Logout successful\"}");
        server.on("GET", "thinclients", 200, "[]");

        assertThat(client.serverStatus().rmGuiServerVersion()).isEqualTo("0.1.0");
        loggedIn();
        client.logout();
        client.thinClients();

        assertThat(server.last("serverstatus").getHeaders().get("Cookie")).isNull();
        assertThat(server.last("logout").getHeaders().get("Cookie")).isEqualTo("JSESSIONID=abc123");
        assertThat(server.last("thinclients").getHeaders().get("Cookie")).isNull();
    }

    @Test
    void theServersExpiryOfTheCookieIsHonoured() throws Exception {
        server.on("POST", "logout", FakeImiServer.json(200, "{\"message\":\"Logout successful\"}",
                Map.of("Set-Cookie", "JSESSIONID=; Path=/umsapi/; Max-Age=0; Secure; HttpOnly")));
        server.on("GET", "serverstatus", 200, "{\"rmGuiServerVersion\":\"0.1.0\",\"server\":\"ums\"}");
        loggedIn();

        client.logout();
        client.serverStatus();

        assertThat(server.last("serverstatus").getHeaders().get("Cookie")).isNull();
    }

    @Test
    void aMalformedFingerprintIsRefusedUpFront() {
        assertThatThrownBy(() -> ImiClient.create(server.address(), "xyz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits");
    }

    @Test
    void downloadsARecordingAndSaysWhyNot(@TempDir Path dir) throws Exception {
        server.on("GET", "shadowsessions/41/recording", 200, "UMSREC1\nbytes");
        server.on("GET", "shadowsessions/42/recording", 404, "{\"message\":\"shadow session 42 was not recorded\"}");
        loggedIn();

        Path file = dir.resolve("41.umsrec");
        client.downloadRecording(41, file);
        assertThat(Files.readString(file)).isEqualTo("UMSREC1\nbytes");
        assertThat(server.last("shadowsessions/41/recording").getHeaders().get("Cookie")).isEqualTo("JSESSIONID=abc123");
        assertThat(server.last("shadowsessions/41/recording").getHeaders().get("Accept"))
                .isEqualTo("application/octet-stream");

        failsWith(Kind.NOT_FOUND, () -> client.downloadRecording(42, dir.resolve("42.umsrec")))
                .extracting(ImiSentences::of, STRING).contains("shadow session 42 was not recorded");
        assertThat(dir.resolve("42.umsrec")).doesNotExist();
    }
}
