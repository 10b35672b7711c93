package dev.ums.agent.internal.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.link.DialLimit;
import dev.ums.protocol.link.LinkEnd;
import dev.ums.protocol.link.LinkSettings;
import dev.ums.protocol.up.UpMessage;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The UP exchange from the agent's side against a scripted server: hello, heartbeats, silence, bad input. */
class UpConnectorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final UpMessage.Hello HELLO = new UpMessage.Hello("dev", "02AABBCCDDEE", "02AABBCCDDEE", "12", "dev",
            new ShadowSettings(true, false, true));

    private final List<UpMessage> handled = new CopyOnWriteArrayList<>();
    private final List<Boolean> onlineChanges = new CopyOnWriteArrayList<>();
    private FakeUpServer server;
    private UpConnector connector;

    @AfterEach
    void stop() throws Exception {
        if (connector != null) {
            connector.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dialsThatRunOutOfTimeWaitLongerUpTo32SecondsAndAConnectionBringsBack4() throws Exception {
        LinkSettings settings = agentLinkSettings();
        DialLimit limits = new DialLimit(settings.connectTimeout(), settings.maxConnectTimeout());
        List<Duration> seen = new ArrayList<>();
        for (int dial = 0; dial < 5; dial++) {
            seen.add(limits.current());
            limits.timedOut();
        }
        limits.reset();

        assertThat(seen).extracting(Duration::toSeconds).containsExactly(4L, 8L, 16L, 32L, 32L);
        assertThat(limits.current()).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.uri()).hasToString("wss://ums.example:8443" + dev.ums.protocol.up.UpPaths.UP);
    }

    @Test
    void theFirstDialAfterALostConnectionMayTake8Seconds() throws Exception {
        LinkSettings settings = agentLinkSettings();
        DialLimit limits = new DialLimit(settings.connectTimeout(), settings.maxConnectTimeout());

        limits.lost();

        assertThat(limits.current()).isEqualTo(Duration.ofSeconds(8));
    }

    /** A refused credential changes only with a new enrollment: the next dial waits a minute more, other ends do not. */
    @Test
    void aRefusedCredentialIsTriedAgainAMinuteLaterOtherFailuresAsTheBackoffSays() throws Exception {
        UpConnector up = new UpConnector(HttpClient.newHttpClient(), UpstreamUrl.parse("https://ums.example:8443"),
                new Enrollment("5", "cred"), () -> HELLO, handled::add, onlineChanges::add);
        Duration usual = Duration.ofMillis(1500);

        assertThat(up.retryDelay(refused(401), usual)).isEqualTo(Duration.ofMillis(61_500));
        assertThat(up.retryDelay(refused(403), usual)).as("a re-enrollment waiting for approval").isEqualTo(usual);
        assertThat(up.retryDelay(refused(503), usual)).isEqualTo(usual);
        assertThat(up.retryDelay(new LinkEnd(LinkEnd.Kind.UNREACHABLE, 0, "", Duration.ZERO, null), usual))
                .isEqualTo(usual);
    }

    private static LinkEnd refused(int status) {
        return new LinkEnd(LinkEnd.Kind.REFUSED, status, "", Duration.ZERO, null);
    }

    /** The link settings of an agent of https://ums.example:8443 (a server is started only for {@link #stop}). */
    private LinkSettings agentLinkSettings() throws Exception {
        server = new FakeUpServer(30, false);
        return new UpConnector(HttpClient.newHttpClient(), UpstreamUrl.parse("https://ums.example:8443"),
                new Enrollment("5", "cred"), () -> HELLO, handled::add, onlineChanges::add).linkSettings("test");
    }

    private void connect(int heartbeatSeconds, boolean echo) throws Exception {
        server = new FakeUpServer(heartbeatSeconds, echo);
        connector = new UpConnector(server.pinnedClient(), server.url(), new Enrollment("5", "cred"), () -> HELLO,
                handled::add, onlineChanges::add);
        connector.start("test");
    }

    @Test
    void helloComesFirstWithTheDeviceCredentialThenHeartbeatsAtTheWelcomedInterval() throws Exception {
        connect(1, true);

        await().atMost(WAIT).until(() -> server.count(UpMessage.Heartbeat.class) >= 2);

        assertThat(server.received.get(0)).isEqualTo(HELLO);
        assertThat(server.authorizations).containsExactly("Device 5:cred");
        assertThat(connector.isOnline()).isTrue();
        assertThat(onlineChanges).containsExactly(true);
    }

    @Test
    void aWelcomedIntervalOutsideOneSecondToTwoMinutesIsBroughtWithinThem() {
        assertThat(UpConnector.heartbeatSeconds(new UpMessage.Welcome("5", 20))).isEqualTo(20);
        assertThat(UpConnector.heartbeatSeconds(new UpMessage.Welcome("5", Integer.MAX_VALUE))).isEqualTo(120);
        assertThat(UpConnector.heartbeatSeconds(new UpMessage.Welcome("5", 0))).isEqualTo(1);
        assertThat(UpConnector.heartbeatSeconds(new UpMessage.Welcome("5", -7))).isEqualTo(1);
    }

    @Test
    void aServerThatFallsSilentIsLeftAndTheAgentReconnects() throws Exception {
        connect(1, false);

        // a connection counts when it opens, its hello only when it arrives: wait for the second hello itself
        await().atMost(WAIT).until(() -> server.count(UpMessage.Hello.class) >= 2);

        assertThat(onlineChanges).startsWith(true, false);
        assertThat(server.connections.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void malformedMessagesAreSkippedAndLaterOnesStillArrive() throws Exception {
        connect(20, true);
        await().atMost(WAIT).until(connector::isOnline);
        UpMessage.ShadowOpen open = new UpMessage.ShadowOpen("s1", "wss://x/shadow/tunnel/s1", "t", null, "admin", true,
                ShadowSettings.DEFAULTS);

        server.send("{not json");
        server.send("{\"type\":\"no.such.type\"}");
        server.send(open.toJson());

        await().atMost(WAIT).until(() -> !handled.isEmpty());
        assertThat(handled).containsExactly(open);
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void stopClosesTheConnectionAndDoesNotReconnect() throws Exception {
        connect(20, true);
        await().atMost(WAIT).until(connector::isOnline);

        connector.stop();

        await().atMost(WAIT).until(() -> onlineChanges.contains(false));
        assertThat(connector.isOnline()).isFalse();
        assertThat(server.connections.get()).isEqualTo(1);
    }
}
