package dev.ums.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.ums.console.core.ImiException.Kind;
import dev.ums.console.gui.ImiSentences;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which certificate the console's tunnel trusts: the server's own unless the session names another
 * endpoint's pin (a gateway). A second fake HTTPS server with its own identity stands for that endpoint.
 */
class ShadowConnectorTest {
    private FakeImiServer server;
    private FakeImiServer gateway;
    private final List<ShadowStep> steps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new FakeImiServer();
        gateway = new FakeImiServer();
        server.on("POST", "login", FakeImiServer.json(200, "{\"message\":\"JSESSIONID=s\"}",
                Map.of("Set-Cookie", "JSESSIONID=s; Path=/umsapi/; Secure; HttpOnly")));
        server.on("GET", "thinclients", 200, "[{\"id\":\"7\",\"name\":\"Curry\",\"online\":true}]");
    }

    @AfterEach
    void stop() {
        server.close();
        gateway.close();
    }

    private void sessionAtGateway(String pin) {
        String fingerprint = pin == null ? "" : ",\"fingerprint\":\"" + pin + "\"";
        server.on("POST", "thinclients/7/shadow", 200, "{\"sessionId\":\"s1\",\"tunnelUrl\":\"wss://127.0.0.1:"
                + gateway.port() + "/shadow/tunnel/s1\",\"token\":\"tok\",\"route\":\"icg\",\"viewOnly\":false,"
                + "\"expiresInSeconds\":30" + fingerprint + "}");
    }

    private ShadowConnection connect() throws ImiException {
        return new ShadowConnector(ImiClient.create(server.address(), server.fingerprint()))
                .connect(new Credentials("admin", "pw".toCharArray()), "Curry", false, (s, d) -> steps.add(s));
    }

    @Test
    void theTunnelTrustsThePinTheSessionNames() {
        sessionAtGateway(gateway.fingerprint());

        // TLS with the gateway's certificate succeeded; the fake then answers the upgrade with a plain 404
        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TUNNEL))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("the tunnel at 127.0.0.1:" + gateway.port() + " refused the connection (HTTP 404)");
        assertThat(steps).containsExactly(ShadowStep.LOGGING_IN, ShadowStep.FINDING_DEVICE,
                ShadowStep.ASKING_SERVER, ShadowStep.DEVICE_ACCEPTED);
        assertThat(gateway.last("/shadow/tunnel/s1").getHeaders().get("Authorization")).isEqualTo("Bearer tok");
    }

    @Test
    void withoutAPinInTheSessionTheTunnelMustPresentTheServersCertificate() {
        sessionAtGateway(null);

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(ImiException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(Kind.CERTIFICATE_MISMATCH);
                            assertThat(e.presentedFingerprint()).contains(gateway.fingerprint());
                        })
                .extracting(ImiSentences::of, STRING).isEqualTo("the certificate of 127.0.0.1:" + gateway.port()
                        + " does not match the pinned fingerprint");
        assertThat(gateway.seen()).isEmpty();
    }

    @Test
    void aPlainTextTunnelIsRefused() {
        server.on("POST", "thinclients/7/shadow", 200, "{\"sessionId\":\"s1\",\"tunnelUrl\":\"ws://127.0.0.1:1/x\","
                + "\"token\":\"tok\"}");

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("the server named a tunnel that is not TLS-protected: ws://127.0.0.1:1/x");
    }

    @Test
    void aHugeOrMultiLineTunnelAddressOrPinIsQuotedCutToOneLine() {
        String huge = "x".repeat(100_000);
        server.on("POST", "thinclients/7/shadow", 200, "{\"sessionId\":\"s1\",\"tunnelUrl\":\"ws://h/\\nFORGED"
                + huge + "\",\"token\":\"tok\"}");

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL))
                .extracting(ImiSentences::of, STRING)
                .startsWith("the server named a malformed tunnel address: ws://h/?FORGEDxxx")
                .doesNotContain("\n").hasSizeLessThan(400);

        sessionAtGateway("\\r\\n" + huge);

        assertThatThrownBy(this::connect)
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL))
                .extracting(ImiSentences::of, STRING)
                .startsWith("the server named a malformed tunnel fingerprint: ??xxx")
                .doesNotContain("\n", "\r").hasSizeLessThan(400);
    }
}
