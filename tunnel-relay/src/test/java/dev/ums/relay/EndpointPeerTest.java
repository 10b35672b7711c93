package dev.ums.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.protocol.tunnel.SessionEnd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;
import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A relay side the server opened itself, over a real socket pair: it is read only when the relay demanded the next
 * frame, so a browser side that stops taking frames stops the device being read (the relay holds at most one
 * chunk); bytes flow both ways unchanged; the relay ending the session closes the device's connection, and the
 * device closing ends the session with the far end's reason.
 */
class EndpointPeerTest {
    /** The browser's side: takes frames only when the test lets it. */
    static final class SlowBrowser implements RelayPeer {
        final LinkedBlockingQueue<Callback> pending = new LinkedBlockingQueue<>();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        volatile boolean open = true;
        volatile String closedWith;
        volatile int closedWithCode;

        @Override
        public void demand() {
        }

        @Override
        public synchronized void sendBinary(ByteBuffer payload, Callback callback) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            received.write(bytes, 0, bytes.length);
            pending.add(callback);
        }

        void take(int frames) throws InterruptedException {
            for (int i = 0; i < frames; i++) {
                pending.take().succeed();
            }
        }

        synchronized int size() {
            return received.size();
        }

        @Override
        public void close(int code, String reason) {
            open = false;
            closedWith = reason;
            closedWithCode = code;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    ServerSocket listener;
    Socket device;
    Socket serverEnd;
    TunnelRelay relay;
    AtomicLong ended = new AtomicLong();
    volatile String endReason;

    @BeforeEach
    void pair() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        device = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        serverEnd = listener.accept();
        relay = new TunnelRelay(Clock.systemUTC(), new RelayObserver() {
            @Override
            public void paired(String sessionId) {
            }

            @Override
            public void ended(String sessionId, boolean wasPaired, String reason, long toDevice, long fromDevice) {
                endReason = reason;
                ended.incrementAndGet();
            }
        }, Duration.ofMinutes(30));
    }

    @AfterEach
    void close() throws IOException {
        device.close();
        serverEnd.close();
        listener.close();
    }

    static final class CountingCallback implements Callback {
        volatile boolean succeeded;

        @Override
        public void succeed() {
            succeeded = true;
        }

        @Override
        public void fail(Throwable x) {
        }
    }

    RelaySession session;

    SlowBrowser join(String farEnd) {
        return joinWith(FarEndClose.of(Optional.empty(), farEnd));
    }

    SlowBrowser joinWith(FarEndClose farEnd) {
        relay.open("s");
        EndpointPeer peer = new EndpointPeer(Endpoint.of(serverEnd), TunnelSide.DEVICE, "test-peer", farEnd, null);
        session = relay.attach("s", TunnelSide.DEVICE, peer);
        peer.start(session, relay);
        SlowBrowser browser = new SlowBrowser();
        relay.attach("s", TunnelSide.CONSOLE, browser);
        return browser;
    }

    @Test
    void aBrowserThatTakesNoFramesStopsTheDeviceBeingRead() throws Exception {
        SlowBrowser browser = join(null);
        AtomicLong written = new AtomicLong();
        Thread streamer = new Thread(() -> {
            byte[] chunk = new byte[16 * 1024];
            try {
                OutputStream out = device.getOutputStream();
                while (true) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // closed at the end
            }
        }, "streaming-device");
        streamer.setDaemon(true);
        streamer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.pending.size() == 1);
        Thread.sleep(1500);
        long stalled = written.get();
        Thread.sleep(1000);
        assertThat(written.get()).as("the device is no longer read").isEqualTo(stalled);
        assertThat(browser.pending).hasSize(1);
        assertThat(relay.bufferedBytes()).isLessThanOrEqualTo(EndpointPeer.CHUNK);

        Thread reading = new Thread(() -> {
            try {
                while (true) {
                    browser.take(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "reading-browser");
        reading.setDaemon(true);
        reading.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> written.get() > stalled + 1024 * 1024);
        reading.interrupt();
    }

    @Test
    void bytesFlowBothWaysAndEitherEndEndsBoth() throws Exception {
        SlowBrowser browser = join("the gateway is shutting down");
        device.getOutputStream().write("RFB 003.008\n".getBytes());
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.size() == 12);
        browser.take(1);
        assertThat(relay.attach("s", TunnelSide.CONSOLE, new SlowBrowser())).as("a side is attached once").isNull();
        CountingCallback sent = new CountingCallback();
        session.forward(TunnelSide.CONSOLE, ByteBuffer.wrap("RFB 003.008\n".getBytes()), sent, relay.now());
        device.setSoTimeout(10_000);
        assertThat(new String(device.getInputStream().readNBytes(12))).isEqualTo("RFB 003.008\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.succeeded);

        device.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> ended.get() == 1);
        assertThat(endReason).isEqualTo("the gateway is shutting down");
        assertThat(browser.closedWith).isEqualTo("the gateway is shutting down");
    }

    @Test
    void aTypedEndFromTheFarEndReachesTheBrowserWithItsCloseCode() throws Exception {
        SlowBrowser browser = joinWith(FarEndClose.of(Optional.of(SessionEnd.USER_DISCONNECTED), "user-disconnected"));

        device.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> ended.get() == 1);
        assertThat(endReason).isEqualTo("the user at the device ended the session");
        assertThat(browser.closedWithCode).isEqualTo(4001);
        assertThat(browser.closedWith).isEqualTo("user-disconnected");
    }

    @Test
    void theRelayEndingTheSessionClosesTheDevicesConnection() throws Exception {
        join(null);
        relay.end("s", "the administrator logged out of the web app");
        device.setSoTimeout(10_000);
        assertThat(device.getInputStream().read()).isEqualTo(-1);
    }
}
