package dev.ums.protocol.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.tls.PinnedTrust;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A dial the link gives up closes its connection, wherever the peer fell silent: the peer sees the connection closed,
 * so a server that queues its handshakes can drop it instead of working on a dial nobody waits for.
 */
class GivenUpDialTest {
    /** Far beyond the dial's 1 s limit; the peer sees the close at once, but a loaded machine is slow. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingListener listener = new RecordingListener();
    private ControlLink link;
    private SilentPeer peer;

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SilentPeer.Silence.class)
    void theConnectionOfADialGivenUpIsClosed(SilentPeer.Silence silence) throws Exception {
        peer = new SilentPeer(silence);
        SSLContext ssl = PinnedTrust.fingerprint(peer.identity.fingerprint()).sslContext();
        link = new ControlLink(new LinkSettings(peer.uri(), Map.of(), ssl, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(1), null, Duration.ofSeconds(30), Duration.ofSeconds(1),
                "test-link"), listener);
        link.start();

        await().atMost(WAIT).until(() -> !listener.ends.isEmpty());
        assertThat(listener.ends.get(0).kind()).isEqualTo(LinkEnd.Kind.UNREACHABLE);
        assertThat(listener.ends.get(0).sentence("the server", peer.uri())).endsWith("did not answer in time");
        await().atMost(WAIT).until(() -> peer.closedByClient.get() >= 1);
        assertThat(peer.accepted.get()).isEqualTo(1);
    }
}
