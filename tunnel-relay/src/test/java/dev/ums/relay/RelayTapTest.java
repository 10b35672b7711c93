package dev.ums.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.tunnel.TunnelSide;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.Test;

/**
 * A tapped session: the tap sees every frame of both directions, in order and unchanged, before the other side
 * does; the frame the other side receives is whole even though the tap read it; the tap hears the end once; a tap
 * can end its session.
 */
class RelayTapTest {
    /** A side that keeps what it was sent and completes each send at once. */
    static final class RecordingPeer implements RelayPeer {
        final List<String> received = new ArrayList<>();
        boolean open = true;

        @Override
        public void demand() {
        }

        @Override
        public void sendBinary(ByteBuffer payload, Callback callback) {
            byte[] b = new byte[payload.remaining()];
            payload.get(b);
            received.add(new String(b, StandardCharsets.US_ASCII));
            callback.succeed();
        }

        @Override
        public void close(int code, String reason) {
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    /** Copies what it sees, as a recorder does. */
    static final class CopyingTap implements RelayTap {
        final List<String> seen = new ArrayList<>();
        final List<String> ends = new ArrayList<>();

        @Override
        public void bytes(TunnelSide from, ByteBuffer frame) {
            byte[] b = new byte[frame.remaining()];
            frame.get(b);
            seen.add(from + ":" + new String(b, StandardCharsets.US_ASCII));
        }

        @Override
        public void ended(String reason) {
            ends.add(reason);
        }
    }

    @Test
    void theTapSeesBothDirectionsInOrderAndTheEndOnce() {
        CopyingTap tap = new CopyingTap();
        List<String> opened = new ArrayList<>();
        TunnelRelay relay = new TunnelRelay(Clock.systemUTC(), RelayObserver.NONE, Duration.ofMinutes(1), (id, endSession) -> {
            opened.add(id);
            return tap;
        });
        relay.open("s1");
        RecordingPeer console = new RecordingPeer();
        RecordingPeer device = new RecordingPeer();
        relay.attach("s1", TunnelSide.DEVICE, device);
        RelaySession session = relay.attach("s1", TunnelSide.CONSOLE, console);

        session.forward(TunnelSide.DEVICE, bytes("RFB 003.008\n"), Callback.NOOP, 1);
        session.forward(TunnelSide.CONSOLE, bytes("RFB 003.008\n"), Callback.NOOP, 2);
        session.forward(TunnelSide.DEVICE, bytes("\u0001\u0002"), Callback.NOOP, 3);
        relay.end("s1", "the console closed the session");
        relay.end("s1", "again");

        assertThat(opened).containsExactly("s1");
        assertThat(tap.seen).containsExactly("DEVICE:RFB 003.008\n", "CONSOLE:RFB 003.008\n", "DEVICE:\u0001\u0002");
        assertThat(console.received).containsExactly("RFB 003.008\n", "\u0001\u0002");
        assertThat(device.received).containsExactly("RFB 003.008\n");
        assertThat(tap.ends).containsExactly("the console closed the session");
    }

    @Test
    void aSessionCancelledBeforePairingTellsItsTapTheReason() {
        CopyingTap tap = new CopyingTap();
        TunnelRelay relay = new TunnelRelay(Clock.systemUTC(), RelayObserver.NONE, Duration.ofMinutes(1), (id, endSession) -> tap);
        relay.open("s2");
        relay.cancel("s2", "the device declined");
        assertThat(tap.seen).isEmpty();
        assertThat(tap.ends).containsExactly("the device declined");
    }

    @Test
    void aTapThatCanNoLongerDoItsJobEndsItsSessionWithItsSentence() {
        CopyingTap tap = new CopyingTap();
        List<Consumer<String>> enders = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        TunnelRelay relay = new TunnelRelay(Clock.systemUTC(), new RelayObserver() {
            @Override
            public void paired(String sessionId) {
            }

            @Override
            public void ended(String sessionId, boolean wasPaired, String reason, long toDevice, long fromDevice) {
                ended.add(sessionId + ": " + reason);
            }
        }, Duration.ofMinutes(1), (id, endSession) -> {
            enders.add(endSession);
            return tap;
        });
        relay.open("s3");
        RecordingPeer console = new RecordingPeer();
        RecordingPeer device = new RecordingPeer();
        relay.attach("s3", TunnelSide.DEVICE, device);
        relay.attach("s3", TunnelSide.CONSOLE, console);

        enders.get(0).accept("the recording stopped");
        enders.get(0).accept("again");

        assertThat(console.isOpen()).isFalse();
        assertThat(device.isOpen()).isFalse();
        assertThat(tap.ends).containsExactly("the recording stopped");
        assertThat(ended).containsExactly("s3: the recording stopped");
        assertThat(relay.activeSessions()).isZero();
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
