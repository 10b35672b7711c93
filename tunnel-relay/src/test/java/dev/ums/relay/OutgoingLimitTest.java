package dev.ums.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import dev.ums.protocol.tunnel.TunnelSide;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/**
 * A peer that keeps sending but never reads: the frames waiting for it stay bounded (the socket is closed once
 * {@value OutgoingLimit#FRAMES} wait), and a tunnel's pings get one waiting pong at most.
 */
class OutgoingLimitTest {
    /** A session whose writes complete only when the test says so, as Jetty's do once the peer reads. */
    private static final class UnreadSession {
        final List<Callback> waiting = new ArrayList<>();
        final List<String> closes = new ArrayList<>();
        int demands;
        final Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "sendText", "sendPong" -> waiting.add((Callback) args[1]);
                        case "close" -> closes.add(args.length == 3 ? args[0] + " " + args[1] : "abrupt");
                        case "demand" -> demands++;
                        case "isOpen" -> {
                            return closes.isEmpty();
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "toString" -> {
                            return "unread session";
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });

        void peerReads() {
            waiting.forEach(Callback::succeed);
            waiting.clear();
        }
    }

    @Test
    void aPeerThatDoesNotReadIsClosedOnceTheLimitOfFramesWaitsAndNotBefore() {
        UnreadSession peer = new UnreadSession();
        OutgoingLimit outgoing = new OutgoingLimit(peer.session);
        for (int i = 0; i < OutgoingLimit.FRAMES; i++) {
            outgoing.sendText("{\"type\":\"heartbeat\"}");
        }
        assertThat(peer.closes).isEmpty();
        assertThat(outgoing.waiting()).isEqualTo(OutgoingLimit.FRAMES);

        outgoing.sendText("{\"type\":\"heartbeat\"}");

        assertThat(peer.closes).containsExactly("1008 " + OutgoingLimit.REASON);
        assertThat(peer.waiting).hasSize(OutgoingLimit.FRAMES);
    }

    @Test
    void framesWrittenOrFailedLeaveRoomForMore() {
        UnreadSession peer = new UnreadSession();
        OutgoingLimit outgoing = new OutgoingLimit(peer.session);
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < OutgoingLimit.FRAMES; i++) {
                outgoing.sendText("{}");
            }
            peer.peerReads();
        }
        outgoing.sendText("{}");
        peer.waiting.forEach(c -> c.fail(new java.io.IOException("broken pipe")));

        assertThat(peer.closes).isEmpty();
        assertThat(outgoing.waiting()).isZero();
    }

    @Test
    void aTunnelPeerThatPingsWithoutReadingHasOnePongWaitingAtMost() {
        UnreadSession peer = new UnreadSession();
        // no such session: the socket is told so and closed, and its peer may still ping until the close is done
        TunnelSocket socket = new TunnelSocket(new TunnelRelay(Clock.systemUTC(), RelayObserver.NONE,
                Duration.ofMinutes(1)), "s1", TunnelSide.CONSOLE);
        socket.onWebSocketOpen(peer.session);
        int demandsBefore = peer.demands;
        for (int i = 0; i < 10_000; i++) {
            socket.onWebSocketPing(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        }
        assertThat(peer.waiting).hasSize(1);
        assertThat(peer.demands - demandsBefore).as("every ping still asks for the next frame").isEqualTo(10_000);

        peer.peerReads();
        socket.onWebSocketPing(ByteBuffer.wrap(new byte[] {4}));
        assertThat(peer.waiting).as("the next ping is answered once the pong was written").hasSize(1);
    }
}
