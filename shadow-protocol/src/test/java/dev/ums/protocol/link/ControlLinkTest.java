package dev.ums.protocol.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.SelfSignedIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The control link against a real WebSocket peer (Jetty): reconnects, backoff, ordered sends, limits, TLS pins. */
class ControlLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RecordingListener listener = new RecordingListener();
    private LinkTestServer server;
    private ControlLink link;

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static LinkSettings settings(URI uri, SSLContext ssl, Duration heartbeat) {
        return new LinkSettings(uri, Map.of("Authorization", "Test secret"), ssl, Duration.ofMillis(50),
                Duration.ofMillis(200), Duration.ofSeconds(5), heartbeat, Duration.ofSeconds(30), Duration.ofMillis(50),
                "test-link");
    }

    private void linkTo(LinkTestServer peer) {
        link = new ControlLink(settings(peer.uri(), null, null), listener);
        link.start();
        await().atMost(WAIT).until(link::isOpen);
    }

    @Test
    void dialsWithTheHeadersAndRedialsAfterThePeerClosed() throws Exception {
        server = new LinkTestServer(null);
        linkTo(server);

        server.closeNewest();

        await().atMost(WAIT).until(() -> server.connections.get() == 2 && listener.opened.get() == 2);
        assertThat(listener.ends).first().satisfies(end -> {
            assertThat(end.kind()).isEqualTo(LinkEnd.Kind.CLOSED);
            assertThat(end.status()).isEqualTo(1000);
            assertThat(end.detail()).isEqualTo("bye");
        });
        assertThat(server.authorizations).containsExactly("Test secret", "Test secret");
    }

    @Test
    void aListenerThatFailsWhenTheLinkGoesDownDoesNotEndTheLink() throws Exception {
        server = new LinkTestServer(null);
        linkTo(server);
        listener.failNextDown = true;

        server.closeNewest();

        await().atMost(WAIT).until(() -> server.connections.get() == 2 && listener.opened.get() == 2);
        assertThat(listener.failNextDown).as("the failing down() ran").isFalse();
    }

    @Test
    void waitsBetweenAttemptsAsTheBackoffSaysAndNamesTheFailureInOneSentence() throws Exception {
        URI nobody = nobodyListening();
        List<Duration> delays = delaysBeforeDials(nobody, 5);

        assertThat(delays).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(200), Duration.ofMillis(200));
        assertThat(listener.ends.get(0).kind()).isEqualTo(LinkEnd.Kind.UNREACHABLE);
        assertThat(listener.ends.get(0).sentence("the gateway", nobody))
                .isEqualTo("cannot connect to 127.0.0.1:" + nobody.getPort() + " (connection refused)");
        assertThat(listener.opened.get()).isZero();
    }

    @Test
    void theListenerMayWaitLongerThanTheBackoffBeforeTheNextDial() throws Exception {
        listener.addedDelay = Duration.ofSeconds(60);

        List<Duration> delays = delaysBeforeDials(nobodyListening(), 2);

        assertThat(delays).containsExactly(Duration.ofMillis(60_050), Duration.ofMillis(60_100));
    }

    /** A WebSocket address where nothing listens: every dial is refused. */
    private static URI nobodyListening() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return URI.create("ws://127.0.0.1:" + free.getLocalPort() + "/link");
        }
    }

    /** The first {@code count} delays a link to {@code uri} waits before dialling again; the link closes after them. */
    private List<Duration> delaysBeforeDials(URI uri, int count) {
        List<Duration> delays = new CopyOnWriteArrayList<>();
        ControlLink[] self = new ControlLink[1];
        link = new ControlLink(settings(uri, null, null), listener, delay -> {
            delays.add(delay);
            if (delays.size() == count) {
                self[0].close();
            }
        }, System::currentTimeMillis, () -> 0.5);
        self[0] = link;
        link.start();
        await().atMost(WAIT).until(() -> delays.size() == count);
        return delays;
    }

    @Test
    void aPeerThatAcceptsButNeverAnswersEndsTheDialAtTheConnectTimeout() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertDialEndsAtTheTimeout("ws", mute.getLocalPort());
        }
    }

    @Test
    void dialsThatRunOutOfTimeGetLongerLimitsUpToTheMaximum() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI uri = URI.create("wss://127.0.0.1:" + mute.getLocalPort() + "/link"); // TCP accepted, TLS never answered
            SSLContext ssl = PinnedTrust.fingerprint(SelfSignedIdentity.create("x").fingerprint()).sslContext();
            List<Duration> limits = new CopyOnWriteArrayList<>();
            ControlLink[] self = new ControlLink[1];
            link = new ControlLink(new LinkSettings(uri, Map.of(), ssl, Duration.ofMillis(10), Duration.ofMillis(10),
                    Duration.ofMillis(100), Duration.ofMillis(400), null, Duration.ofSeconds(30), Duration.ofSeconds(1),
                    "test-link"), listener, delay -> limits.add(self[0].nextDialLimit()), System::currentTimeMillis,
                    () -> 0.5);
            self[0] = link;
            link.start();

            await().atMost(WAIT).until(() -> limits.size() >= 4);
            link.close();
            assertThat(limits.subList(0, 4)).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400),
                    Duration.ofMillis(400), Duration.ofMillis(400));
            assertThat(listener.ends.get(0).sentence("the server", uri))
                    .isEqualTo("127.0.0.1:" + mute.getLocalPort() + " did not answer in time");
        }
    }

    @Test
    void aConnectionThatOpensBringsBackTheFirstDialLimit() throws Exception {
        server = new LinkTestServer(null);
        CountDownLatch hold = new CountDownLatch(1);
        server.holdUpgrades = hold; // the peer answers no upgrade: dials run out of time
        List<Duration> limits = new CopyOnWriteArrayList<>();
        List<Duration> limitsAtOpening = new CopyOnWriteArrayList<>();
        ControlLink[] self = new ControlLink[1];
        listener.whenOpened = () -> limitsAtOpening.add(self[0].nextDialLimit());
        link = new ControlLink(new LinkSettings(server.uri(), Map.of(), null, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(400), null, Duration.ofSeconds(30),
                Duration.ofSeconds(1), "test-link"), listener, delay -> limits.add(self[0].nextDialLimit()),
                System::currentTimeMillis, () -> 0.5);
        self[0] = link;
        link.start();
        await().atMost(WAIT).until(() -> limits.size() >= 2);

        server.holdUpgrades = null;
        hold.countDown();

        await().atMost(WAIT).until(() -> !limitsAtOpening.isEmpty());
        assertThat(limits.subList(0, 2)).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(limitsAtOpening.get(0)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aLostConnectionSpreadsTheNextDelayWiderAndGivesTheNextDialTwiceTheFirstLimit() throws Exception {
        server = new LinkTestServer(null);
        List<Duration> delays = new CopyOnWriteArrayList<>();
        List<Duration> limits = new CopyOnWriteArrayList<>();
        ControlLink[] self = new ControlLink[1];
        link = new ControlLink(new LinkSettings(server.uri(), Map.of(), null, Duration.ofMillis(100),
                Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofMillis(4000), null, Duration.ofSeconds(30),
                Duration.ofSeconds(1), "test-link"), listener, delay -> {
                    delays.add(delay);
                    limits.add(self[0].nextDialLimit());
                }, System::currentTimeMillis, () -> 1.0); // the top of the spread
        self[0] = link;
        link.start();
        await().atMost(WAIT).until(link::isOpen);
        // a first dial slower than its 1 s limit on a loaded machine was retried: only what follows the loss counts
        delays.clear();
        limits.clear();
        server.send("welcome", 1);
        await().atMost(WAIT).until(() -> listener.received.size() == 1);

        server.closeNewest();

        await().atMost(WAIT).until(() -> !delays.isEmpty());
        assertThat(delays.get(0)).isEqualTo(Duration.ofMillis(375));
        assertThat(limits.get(0)).isEqualTo(Duration.ofMillis(2000));
    }

    /** Tyrus does not fail a dial whose connection the peer closed: only the link's connect timeout ends it. */
    @ParameterizedTest
    @ValueSource(strings = {"ws", "wss"})
    void aPeerThatHangsUpDuringTheDialIsLeftAtTheConnectTimeout(String scheme) throws Exception {
        try (ServerSocket rude = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread hangUp = new Thread(() -> {
                try {
                    while (true) {
                        rude.accept().close();
                    }
                } catch (IOException e) {
                    // the socket closed: the test is over
                }
            });
            hangUp.start();
            assertDialEndsAtTheTimeout(scheme, rude.getLocalPort());
        }
    }

    private void assertDialEndsAtTheTimeout(String scheme, int port) throws Exception {
        URI uri = URI.create(scheme + "://127.0.0.1:" + port + "/link");
        SSLContext ssl = PinnedTrust.fingerprint(SelfSignedIdentity.create("x").fingerprint()).sslContext();
        link = new ControlLink(new LinkSettings(uri, Map.of(), ssl, Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(1), null, Duration.ofSeconds(30), Duration.ofSeconds(1), "test-link"), listener);
        link.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> !listener.ends.isEmpty());
        assertThat(listener.ends.get(0).kind()).isEqualTo(LinkEnd.Kind.UNREACHABLE);
        assertThat(listener.ends.get(0).sentence("the server", uri))
                .isEqualTo("127.0.0.1:" + port + " did not answer in time");
    }

    @Test
    void sendsFromManyThreadsArriveWholeAndInEachThreadsOrder() throws Exception {
        server = new LinkTestServer(null);
        linkTo(server);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int sender = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    link.send(sender + ":" + i);
                }
            });
            thread.start();
            senders.add(thread);
        }
        for (Thread sender : senders) {
            sender.join();
        }

        await().atMost(WAIT).until(() -> server.received.size() == 800);
        for (int t = 0; t < 4; t++) {
            String prefix = t + ":";
            List<String> own = server.received.stream().filter(text -> text.startsWith(prefix)).toList();
            assertThat(own).hasSize(200);
            for (int i = 0; i < 200; i++) {
                assertThat(own.get(i)).isEqualTo(prefix + i);
            }
        }
    }

    @Test
    void thePeersMessagesReachTheListenerInTheirOrder() throws Exception {
        server = new LinkTestServer(null);
        linkTo(server);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add("m" + i);
            server.send("m" + i, 1);
        }

        await().atMost(WAIT).until(() -> listener.received.size() == 500);
        assertThat(listener.received).containsExactlyElementsOf(sent);
    }

    @Test
    void framesOfOneMessageArriveAsOneAndAnOversizedMessageEndsTheConnection() throws Exception {
        server = new LinkTestServer(null);
        linkTo(server);
        String whole = "x".repeat(5000);

        server.send(whole, 7);
        await().atMost(WAIT).until(() -> listener.received.size() == 1);
        assertThat(listener.received).containsExactly(whole);

        server.send("y".repeat(LinkSettings.MAX_MESSAGE_CHARS + 1), 3);
        await().atMost(WAIT).until(() -> listener.opened.get() == 2);
        assertThat(listener.ends).first().extracting(LinkEnd::kind).isEqualTo(LinkEnd.Kind.OVERSIZED);
        assertThat(listener.received).containsExactly(whole);
    }

    @Test
    void heartbeatsGoOutAtTheIntervalTheUserSets() throws Exception {
        server = new LinkTestServer(null);
        linkTo(server);

        link.beatEvery(Duration.ofMillis(100), Duration.ofSeconds(30));

        await().atMost(WAIT).until(() -> server.received.stream().filter("beat"::equals).count() >= 3);
    }

    @Test
    void aWithheldLinkIsLeftAndNotDialledUntilAllowedAgain() throws Exception {
        server = new LinkTestServer(null);
        link = new ControlLink(settings(server.uri(), null, Duration.ofMillis(50)), listener);
        link.start();
        await().atMost(WAIT).until(link::isOpen);

        listener.withheld = "another node holds the link";
        await().atMost(WAIT).until(() -> !link.isOpen());
        int dialled = server.connections.get();
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.ends).first()
                .satisfies(end -> assertThat(end.sentence("the gateway", server.uri()))
                        .isEqualTo("another node holds the link")));
        assertThat(server.connections.get()).isEqualTo(dialled);

        listener.withheld = null;
        await().atMost(WAIT).until(() -> listener.opened.get() == 2);
    }

    @Test
    void aPeerWithAnotherCertificateThanThePinnedOneIsOneSentence() throws Exception {
        server = new LinkTestServer(SelfSignedIdentity.create("peer"));
        String otherPin = SelfSignedIdentity.create("someone else").fingerprint();
        link = new ControlLink(settings(server.uri(), PinnedTrust.fingerprint(otherPin).sslContext(), null), listener);
        link.start();

        await().atMost(WAIT).until(() -> !listener.ends.isEmpty());
        LinkEnd end = listener.ends.get(0);
        assertThat(end.kind()).isEqualTo(LinkEnd.Kind.UNREACHABLE);
        assertThat(end.sentence("the gateway", server.uri())).isEqualTo("the certificate of 127.0.0.1:"
                + server.uri().getPort() + " does not match the pinned fingerprint");
        assertThat(server.connections.get()).isZero();
    }

    @Test
    void aPeerWithThePinnedCertificateIsLinkedOverTls() throws Exception {
        SelfSignedIdentity identity = SelfSignedIdentity.create("peer");
        server = new LinkTestServer(identity);
        link = new ControlLink(settings(server.uri(), PinnedTrust.fingerprint(identity.fingerprint()).sslContext(),
                null), listener);
        link.start();
        await().atMost(WAIT).until(link::isOpen);

        link.send("over tls");

        await().atMost(WAIT).until(() -> server.received.contains("over tls"));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 500})
    void aRefusedUpgradeCarriesItsStatus(int status) throws Exception {
        server = new LinkTestServer(null);
        server.refuseWith = status;
        link = new ControlLink(settings(server.uri(), null, null), listener);
        link.start();

        await().atMost(WAIT).until(() -> !listener.ends.isEmpty());
        assertThat(listener.ends.get(0).kind()).isEqualTo(LinkEnd.Kind.REFUSED);
        assertThat(listener.ends.get(0).status()).isEqualTo(status);
        assertThat(listener.ends.get(0).sentence("the server", server.uri())).isEqualTo("the server at 127.0.0.1:"
                + server.uri().getPort() + " refused the connection (HTTP " + status + ")");
    }
}
