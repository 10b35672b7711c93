package dev.ums.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.ums.console.core.ImiException.Kind;
import dev.ums.console.gui.ImiSentences;
import java.util.Arrays;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ImiClient against a server (OkHttp's MockWebServer over TLS, holding the pinned certificate) that answers what a
 * broken or hostile server would: floods of cookies, cookies no request can carry, sentences of 64 KiB, lists with
 * holes. Each ends in a bounded client and one sentence, never in a secret quoted or a request that cannot be sent.
 */
class HostileAnswersTest {
    private static final String STATUS = "{\"rmGuiServerVersion\":\"0.1.0\",\"server\":\"ums\"}";

    private FakeImiServer server;
    private ImiClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeImiServer();
        client = ImiClient.create(server.address(), server.fingerprint());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aFloodOfCookiesKeepsTheJarAndEveryRequestBounded() throws Exception {
        String value = "v".repeat(200);
        for (int round = 0; round < 10; round++) {
            MockResponse.Builder answer = new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "application/json").body(STATUS);
            for (int i = 0; i < 50; i++) {
                answer.addHeader("Set-Cookie", "c" + round + "_" + i + "=" + value + "; Path=/; Secure");
            }
            answer.addHeader("Set-Cookie", "huge" + round + "=" + "h".repeat(10_000) + "; Path=/; Secure");
            server.on("GET", "serverstatus", answer.build());

            client.serverStatus();
        }
        server.on("GET", "serverstatus", 200, STATUS);
        client.serverStatus();

        String sent = server.last("serverstatus").getHeaders().get("Cookie");
        assertThat(sent.split("; ")).hasSize(SessionCookies.MAX_COOKIES)
                .as("the newest are kept").contains("c9_49=" + value).doesNotContain("c0_0=" + value)
                .noneMatch(pair -> pair.startsWith("huge"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\\u0001def", "abc\\u00e9def", "abc; Path=/; x=y"})
    void aSessionCookieNoRequestCanCarryIsNotKeptNorEverQuoted(String value) throws Exception {
        server.on("POST", "login", 200, "{\"message\":\"JSESSIONID=" + value + "\"}");
        server.on("GET", "thinclients", 401, "{\"message\":\"authentication required\"}");

        client.login("admin", "pw".toCharArray());

        assertThatThrownBy(client::thinClients)
                .isInstanceOfSatisfying(ImiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_LOGGED_IN);
                    assertThat(e.toString()).doesNotContain("abc");
                });
        assertThat(server.last("thinclients").getHeaders().get("Cookie")).isNull();
    }

    @Test
    void aSetCookieHeaderWithACharacterNoRequestCanCarryIsNotKept() throws Exception {
        server.on("POST", "login", new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .addHeaderLenient("Set-Cookie", "JSESSIONID=abc\u00e9def; Path=/umsapi/; Secure")
                .body("{\"message\":\"ok\"}").build());
        server.on("GET", "serverstatus", 200, STATUS);

        client.login("admin", "pw".toCharArray());

        assertThat(client.serverStatus().server()).isEqualTo("ums");
        assertThat(server.last("serverstatus").getHeaders().get("Cookie")).isNull();
    }

    @Test
    void aLongSentenceWithLineBreaksFromTheServerIsCutToOneLine() {
        char[] filler = new char[60_000];
        Arrays.fill(filler, 'x');
        server.on("POST", "login", 403, "{\"message\":\"go away\\nFORGED LOG LINE\\r\\n" + new String(filler) + "\"}");

        assertThatThrownBy(() -> client.login("admin", "pw".toCharArray()))
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
                .extracting(ImiSentences::of, STRING)
                .startsWith("go away?FORGED LOG LINE??xxx")
                .doesNotContain("\n", "\r")
                .hasSizeLessThanOrEqualTo(ImiAnswers.MAX_QUOTED_CHARS + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[null]", "[{\"name\":\"no id\"}]", "[{\"id\":\" \",\"name\":\"blank id\"}]"})
    void aDeviceListWithAHoleOrADeviceWithoutAnIdIsAProtocolFailure(String body) {
        server.on("GET", "thinclients", 200, body);
        server.on("GET", "directories/tcdirectories", 200, body);

        assertThatThrownBy(client::thinClients)
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL))
                .extracting(ImiSentences::of, STRING)
                .startsWith("the server at 127.0.0.1:" + server.port() + " sent an answer this console cannot read");
        assertThatThrownBy(client::directories)
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL));
    }

    /** Without the check, approving it would have posted to {@code /umsapi/v3/approve}. */
    @Test
    void aReenrollmentWhoseIdNoRequestCanNameIsAProtocolFailureAndNoRequestLeaves() throws Exception {
        server.on("GET", "reenrollments", 200, "[{\"id\":\"..\",\"deviceId\":\"7\"}]");
        String id = client.reenrollments().get(0).id();
        int sent = server.seen().size();

        assertThatThrownBy(() -> client.approveReenrollment(id))
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL))
                .extracting(ImiSentences::of, STRING)
                .endsWith("(the id \"..\", which no request can name)");
        assertThat(server.seen()).hasSize(sent);
    }

    /** Each call about one device names it in its path: "." would be the device list itself. */
    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void aDeviceWhoseIdNoRequestCanNameIsNotAskedAbout(String id) throws Exception {
        server.on("GET", "thinclients", 200, "[{\"id\":\"" + id + "\",\"name\":\"odd\"}]");
        String listed = client.thinClients().get(0).id();
        int sent = server.seen().size();

        assertThatThrownBy(() -> client.shadowSettings(listed))
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL));
        assertThat(server.seen()).hasSize(sent);
    }

    @Test
    void aRedirectIsNotFollowedAndNoCredentialLeavesForItsTarget() throws Exception {
        try (FakeImiServer elsewhere = new FakeImiServer()) {
            server.on("POST", "login", FakeImiServer.json(302, "", Map.of("Location",
                    "https://127.0.0.1:" + elsewhere.port() + "/umsapi/v3/login")));

            assertThatThrownBy(() -> client.login("admin", "pw".toCharArray()))
                    .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.status()).isEqualTo(302))
                    .extracting(ImiSentences::of, STRING)
                    .isEqualTo("the server at 127.0.0.1:" + server.port() + " answered HTTP 302");
            assertThat(elsewhere.seen()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{\"rmGuiServerVersion\":{\"nested\":1}}", "\"text\"", "42", "[[[[[[[[]]]]]]]]"})
    void wronglyTypedJsonIsAProtocolFailure(String body) {
        server.on("GET", "serverstatus", 200, body);

        assertThatThrownBy(client::serverStatus)
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL));
    }

    @Test
    void anHtmlPageWithStatus200IsAProtocolFailureQuotingAtMostALine() {
        server.on("GET", "serverstatus", FakeImiServer.json(200,
                "<html>\n<body>" + "<p>maintenance</p>\n".repeat(5_000) + "</body></html>", Map.of()));

        assertThatThrownBy(client::serverStatus)
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL))
                .extracting(ImiSentences::of, STRING)
                .doesNotContain("\n")
                .hasSizeLessThan(ImiAnswers.MAX_QUOTED_CHARS + 100);
    }
}
