package dev.ums.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.console.core.ImiException.Kind;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImiClientTest {
    private static final String LOGIN_OK = "{\"message\":\"JSESSIONID=abc123\"}";
    private static final Map<String, String> COOKIE =
            Map.of("Set-Cookie", "JSESSIONID=abc123; Path=/umsapi/; Secure; HttpOnly");

    private FakeImiServer server;
    private ImiClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeImiServer();
        server.on("POST", "login", new FakeImiServer.Answer(200, LOGIN_OK, COOKIE));
        client = ImiClient.create(server.address(), server.fingerprint());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void loginSendsBasicCredentialsAndLaterCallsCarryTheSessionCookie() throws Exception {
        server.on("GET", "thinclients", 200,
                "[{\"id\":\"7\",\"name\":\"Curry\",\"unitID\":\"00E0C5\",\"online\":true,\"route\":\"direct\","
                        + "\"objectType\":\"tc\",\"movedToBin\":false,\"extra\":1}]");

        client.login("admin", "s3cret:ü".toCharArray());
        List<ThinClient> devices = client.thinClients();

        String expected = Base64.getEncoder().encodeToString("admin:s3cret:ü".getBytes(StandardCharsets.UTF_8));
        assertThat(server.last("login").authorization()).isEqualTo("Basic " + expected);
        assertThat(server.last("thinclients").cookie()).contains("JSESSIONID=abc123");
        assertThat(server.last("thinclients").query()).isEqualTo("facets=online,details");
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

        assertThat(server.last("thinclients").cookie()).contains("JSESSIONID=abc123");
    }

    @Test
    void theCookieIsTakenFromTheLoginBodyWhenTheHeaderIsMissing() throws Exception {
        server.on("POST", "login", 200, LOGIN_OK);
        server.on("GET", "directories/tcdirectories", 200, "[{\"id\":\"1\",\"name\":\"Lab\",\"dirChildren\":[]}]");

        client.login("admin", "pw".toCharArray());

        assertThat(client.directories()).extracting(d -> d.name()).containsExactly("Lab");
        assertThat(server.last("directories/tcdirectories").cookie()).contains("JSESSIONID=abc123");
    }

    @Test
    void loginWipesThePasswordArray() throws Exception {
        char[] password = "secret".toCharArray();

        client.login("admin", password);

        assertThat(password).containsOnly('\0');
    }

    @Test
    void aWrongPasswordIsOneSentence() {
        server.on("POST", "login", 401, "{\"message\":\"Unauthorized\"}");

        assertThatThrownBy(() -> client.login("admin", "nope".toCharArray()))
                .isInstanceOfSatisfying(ImiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.WRONG_CREDENTIALS);
                    assertThat(e.status()).isEqualTo(401);
                })
                .hasMessage("wrong user name or password");
    }

    @Test
    void aThrottledLoginPassesTheServersSentenceThrough() {
        server.on("POST", "login", 429, "{\"message\":\"too many failed logins; try again in 4 seconds\"}");

        assertThatThrownBy(() -> client.login("admin", "pw".toCharArray()))
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.status()).isEqualTo(429))
                .hasMessage("too many failed logins; try again in 4 seconds");
    }

    @Test
    void anUnreachableServerNamesHostAndPort() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        ImiClient nowhere = ImiClient.create(new ServerAddress("127.0.0.1", closedPort), server.fingerprint());

        assertThatThrownBy(nowhere::serverStatus)
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                .hasMessage("cannot connect to 127.0.0.1:" + closedPort);
    }

    @Test
    void aCertificateOtherThanThePinnedOneIsRefusedBeforeAnyCredentialIsSent() {
        String otherPin = "ab".repeat(32);
        ImiClient pinnedElsewhere = ImiClient.create(server.address(), otherPin);

        assertThatThrownBy(() -> pinnedElsewhere.login("admin", "pw".toCharArray()))
                .isInstanceOfSatisfying(ImiException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.CERTIFICATE_MISMATCH))
                .hasMessage("the server's certificate does not match the pinned fingerprint (127.0.0.1:"
                        + server.port() + " presents " + server.fingerprint() + ")");
        assertThat(server.seen()).isEmpty();
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
        client.login("admin", "pw".toCharArray());

        assertThatThrownBy(() -> client.startShadow("7", false))
                .isInstanceOfSatisfying(ImiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REFUSED);
                    assertThat(e.status()).isEqualTo(status);
                })
                .hasMessage(sentence);
    }

    @Test
    void startShadowPostsViewOnlyAndReadsTheSession() throws Exception {
        server.on("POST", "thinclients/7/shadow", 200, "{\"sessionId\":\"s1\",\"tunnelUrl\":\"wss://h:1/shadow/tunnel/s1\","
                + "\"token\":\"t\",\"route\":\"direct\",\"viewOnly\":true,\"expiresInSeconds\":30}");
        client.login("admin", "pw".toCharArray());

        ShadowSession session = client.startShadow("7", true);

        assertThat(server.last("thinclients/7/shadow").body()).isEqualTo("{\"viewOnly\":true}");
        assertThat(session.sessionId()).isEqualTo("s1");
        assertThat(session.viewOnly()).isTrue();
        assertThat(session.fingerprint()).isNull();
    }

    @Test
    void anUnknownDeviceIsNotFoundWithTheServersSentence() throws Exception {
        server.on("GET", "thinclients/99", 404, "{\"message\":\"no device with id 99\"}");
        client.login("admin", "pw".toCharArray());

        assertThatThrownBy(() -> client.thinClient("99"))
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessage("no device with id 99");
    }

    @Test
    void anErrorWithoutASentenceNamesTheStatus() throws Exception {
        server.on("GET", "thinclients/7/shadowlog", 500, "<html>oops</html>");
        client.login("admin", "pw".toCharArray());

        assertThatThrownBy(() -> client.shadowLog("7"))
                .hasMessage("the server at 127.0.0.1:" + server.port() + " answered HTTP 500");
    }

    @Test
    void callsWithoutLoginSayso() {
        server.on("GET", "thinclients", 401, "{\"message\":\"authentication required\"}");

        assertThatThrownBy(client::thinClients)
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_LOGGED_IN))
                .hasMessage("not logged in to 127.0.0.1:" + server.port() + ", or the login expired");
    }

    @Test
    void anUnreadableAnswerIsAProtocolFailureNotACrash() throws Exception {
        server.on("GET", "serverstatus", 200, "{not json");

        assertThatThrownBy(client::serverStatus)
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL))
                .hasMessageStartingWith("the server at 127.0.0.1:" + server.port()
                        + " sent an answer this console cannot read");
    }

    @Test
    void serverStatusNeedsNoLoginAndLogoutForgetsTheCookie() throws Exception {
        server.on("GET", "serverstatus", 200, "{\"rmGuiServerVersion\":\"0.1.0\",\"server\":\"ums\"}");
        server.on("POST", "logout", 200, "{\"message\":\"Logout successful\"}");
        server.on("GET", "thinclients", 200, "[]");

        assertThat(client.serverStatus().rmGuiServerVersion()).isEqualTo("0.1.0");
        client.login("admin", "pw".toCharArray());
        client.logout();
        client.thinClients();

        assertThat(server.last("serverstatus").cookie()).isNull();
        assertThat(server.last("thinclients").cookie()).isNull();
    }

    @Test
    void aMalformedFingerprintIsRefusedUpFront() {
        assertThatThrownBy(() -> ImiClient.create(server.address(), "xyz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits");
    }

    @Test
    void downloadsARecordingAndSaysWhyNot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        server.on("GET", "shadowsessions/41/recording", 200, "UMSREC1\nbytes");
        server.on("GET", "shadowsessions/42/recording", 404, "{\"message\":\"shadow session 42 was not recorded\"}");
        client.login("admin", "pw".toCharArray());

        java.nio.file.Path file = dir.resolve("41.umsrec");
        client.downloadRecording(41, file);
        assertThat(java.nio.file.Files.readString(file)).isEqualTo("UMSREC1\nbytes");
        assertThat(server.last("shadowsessions/41/recording").cookie()).contains("JSESSIONID=abc123");

        assertThatThrownBy(() -> client.downloadRecording(42, dir.resolve("42.umsrec")))
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageContaining("shadow session 42 was not recorded");
        assertThat(dir.resolve("42.umsrec")).doesNotExist();
    }
}
