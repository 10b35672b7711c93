package dev.ums.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.time.MovableClock;
import dev.ums.testkit.vnc.XvncServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OS 11 agent against a client written only from the vendor's documented handshake (IMI-NOTES, "OS 11
 * secure VNC"): plain JDK TLS and bytes, none of the console's classes, so agent and console cannot drift
 * into a private variant. Real server (password checks over UP), real Xvnc behind the agent.
 */
class SecureVncHandshakeTest extends AgentOnServerFixture {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private ConsoleClient console;
    private final MovableClock clock = MovableClock.now();

    @BeforeAll
    static void startXvnc() {
        xvnc = XvncServer.start(640, 480);
    }

    private void startOs11Agent(boolean allowInput, ConsentPrompt prompt) throws IOException {
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")).withClock(clock));
        agent = startAgent("os11-test", allowInput, prompt);
        console = new ConsoleClient(server).login();
        console.settings(agent.deviceId(), new ShadowSettings(true, false, true));
    }

    private DeviceAgent startAgent(String name, boolean allowInput, ConsentPrompt prompt) throws IOException {
        AgentConfig config = AgentConfig.builder(server.baseUrl(), server.fingerprint(), name, dir.resolve(name))
                .vnc(InetSocketAddress.createUnresolved(xvnc.host(), xvnc.port())).promptUser(prompt != null)
                .prompt(prompt).allowInput(allowInput).enrollmentToken("enroll-secret")
                .os(AgentConfig.OS_11, 0, null).build();
        DeviceAgent started = DeviceAgent.start(config);
        await().atMost(WAIT).until(started::isConnected);
        return started;
    }

    /** Step 1: certificate and one-time password from the server. */
    private ThinClient secret() throws IOException {
        ThinClient device = console.withShadowSecret(agent.deviceId());
        assertThat(device.shadowSecret().certificate()).startsWith("-----BEGIN CERTIFICATE-----");
        return device;
    }

    /** Step 2: TLS to the device; the presented certificate must equal the server's, byte for byte. */
    private SSLSocket openTls(ThinClient device) throws Exception {
        return openTls(device, agent);
    }

    static SSLSocket openTls(ThinClient device, DeviceAgent agent) throws Exception {
        return openTls(device, agent, InetAddress.getLoopbackAddress());
    }

    /** TLS to the device from {@code from}, one of the loopback addresses. */
    static SSLSocket openTls(ThinClient device, DeviceAgent agent, InetAddress from) throws Exception {
        X509Certificate expected = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(device.shadowSecret().certificate().getBytes(StandardCharsets.US_ASCII)));
        AtomicReference<X509Certificate> presented = new AtomicReference<>();
        SSLContext tls = SSLContext.getInstance("TLSv1.2");
        tls.init(null, new TrustManager[] {new RecordingTrust(presented)}, new SecureRandom());
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                agent.securePort().orElseThrow(), from, 0);
        socket.setSoTimeout(20_000);
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(presented.get().getEncoded()).isEqualTo(expected.getEncoded());
        return socket;
    }

    /** Steps 4 and 5: the password command, then the device's answer. */
    static byte[] sendPassword(SSLSocket socket, String command) throws IOException {
        socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket.getInputStream().readNBytes(12);
    }

    @Test
    void theDocumentedHandshakeGivesAPlainVncServer() throws Exception {
        startOs11Agent(true, null);
        ThinClient device = secret();
        try (SSLSocket socket = openTls(device)) {
            byte[] answer = sendPassword(socket, "PROCYCMD PW_" + device.shadowSecret().password());

            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
            // step 6: the viewer sees a plain VNC server; the greeting was already read, so replay it by hand
            RfbProbe rfb = new RfbProbe(new java.io.SequenceInputStream(new ByteArrayInputStream(answer),
                    socket.getInputStream()), socket.getOutputStream()).handshake();
            rfb.roundTrip();
            assertThat(rfb.width()).isEqualTo(640);
            assertThat(rfb.height()).isEqualTo(480);
        }
    }

    /** The vendor shows no line ending; a client that adds one must still get a clean RFB stream. */
    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void aLineEndAfterThePasswordIsAccepted(String lineEnd) throws Exception {
        startOs11Agent(true, null);
        ThinClient device = secret();
        try (SSLSocket socket = openTls(device)) {
            byte[] answer = sendPassword(socket, "PROCYCMD PW_" + device.shadowSecret().password() + lineEnd);

            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
            RfbProbe rfb = new RfbProbe(new java.io.SequenceInputStream(new ByteArrayInputStream(answer),
                    socket.getInputStream()), socket.getOutputStream()).handshake();
            rfb.roundTrip();
            assertThat(rfb.width()).isEqualTo(640);
        }
    }

    @Test
    void aPasswordWorksOnceThenTheDeviceClosesWithoutAWord() throws Exception {
        startOs11Agent(true, null);
        ThinClient device = secret();
        String command = "PROCYCMD PW_" + device.shadowSecret().password();
        try (SSLSocket first = openTls(device)) {
            assertThat(sendPassword(first, command)).asString(StandardCharsets.US_ASCII).isEqualTo("RFB 003.008\n");
        }
        try (SSLSocket second = openTls(device)) {
            assertThat(sendPassword(second, command)).as("bytes before the device closed").isEmpty();
        }
    }

    @Test
    void aPasswordTheServerNeverIssuedIsRefused() throws Exception {
        startOs11Agent(true, null);
        ThinClient device = secret();
        try (SSLSocket socket = openTls(device)) {
            assertThat(sendPassword(socket, "PROCYCMD PW_" + UUID.randomUUID())).isEmpty();
        }
    }

    /**
     * The server closes the UP socket of a device that asks it more than 30 times a minute, or asks it about a blank
     * password or one over its length limit (a malformed message); the device asks only for what its port hears, so
     * the agent must not pass on what anyone on the network sends there.
     */
    @Test
    void guessingPasswordsAtTheDevicesPortCannotTakeTheDeviceOffline() throws Exception {
        startOs11Agent(true, null);
        ThinClient device = secret();
        List<Boolean> onlineChanges = new CopyOnWriteArrayList<>();
        agent.addOnlineListener(onlineChanges::add);
        for (String command : new String[] {"PROCYCMD PW_\n", "PROCYCMD PW_" + "p".repeat(200) + "\n"}) {
            try (SSLSocket socket = openTls(device, agent, InetAddress.getByName("127.0.0.5"))) {
                assertThat(sendPassword(socket, command)).isEmpty();
            }
        }
        for (String from : new String[] {"127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"}) {
            for (int i = 0; i < 10; i++) {
                try (SSLSocket socket = openTls(device, agent, InetAddress.getByName(from))) {
                    assertThat(sendPassword(socket, "PROCYCMD PW_" + UUID.randomUUID())).isEmpty();
                }
            }
        }
        assertThat(onlineChanges).as("the device's UP socket was never closed").doesNotContain(false);
        assertThat(agent.isConnected()).isTrue();
    }

    @Test
    void aPasswordIssuedForAnotherDeviceIsRefused() throws Exception {
        startOs11Agent(true, null);
        DeviceAgent other = startAgent("os11-other", true, null);
        try {
            ThinClient device = secret();
            ThinClient otherDevice = console.withShadowSecret(other.deviceId());
            try (SSLSocket socket = openTls(otherDevice, other)) {
                assertThat(sendPassword(socket, "PROCYCMD PW_" + device.shadowSecret().password())).isEmpty();
            }
            // the password was shown to the wrong device, so it is used up for the right one as well
            try (SSLSocket socket = openTls(device)) {
                assertThat(sendPassword(socket, "PROCYCMD PW_" + device.shadowSecret().password())).isEmpty();
            }
        } finally {
            other.close();
        }
    }

    @Test
    void anExpiredPasswordIsRefused() throws Exception {
        startOs11Agent(true, null);
        ThinClient device = secret();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        try (SSLSocket socket = openTls(device)) {
            assertThat(sendPassword(socket, "PROCYCMD PW_" + device.shadowSecret().password())).isEmpty();
        }
    }

    @Test
    void garbageInsteadOfTheCommandIsClosed() throws Exception {
        startOs11Agent(true, null);
        ThinClient device = secret();
        try (SSLSocket socket = openTls(device)) {
            assertThat(sendPassword(socket, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")).isEmpty();
        }
        try (SSLSocket socket = openTls(device)) {
            assertThat(sendPassword(socket, "PROCYCMD PW_" + "A".repeat(300))).as("an endless password").isEmpty();
        }
    }

    @Test
    void theUserAtTheDeviceCanDecline() throws Exception {
        AtomicReference<ConsentPrompt.Request> asked = new AtomicReference<>();
        startOs11Agent(true, request -> {
            asked.set(request);
            return ConsentPrompt.Answer.deny("declined in the test");
        });
        ThinClient device = secret();
        try (SSLSocket socket = openTls(device)) {
            assertThat(sendPassword(socket, "PROCYCMD PW_" + device.shadowSecret().password())).isEmpty();
        }
        assertThat(asked.get()).as("the user was asked").isNotNull();
        assertThat(asked.get().viewOnly()).isFalse();
    }

    /** A second session arriving while the person is asked about a first is refused, not asked at the same time. */
    @Test
    void twoSessionsAtOnceNeverPutTwoQuestionsOnTheScreen() throws Exception {
        AtomicInteger asking = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch answer = new CountDownLatch(1);
        startOs11Agent(true, request -> {
            mostAtOnce.accumulateAndGet(asking.incrementAndGet(), Math::max);
            try {
                answer.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                asking.decrementAndGet();
            }
            return ConsentPrompt.Answer.deny("declined in the test");
        });
        ThinClient first = secret();
        ThinClient second = secret();
        ExecutorService consoles = Executors.newFixedThreadPool(2);
        try {
            Future<byte[]> firstAnswer = consoles.submit(() -> passwordAnswer(first));
            await().atMost(WAIT).until(() -> asking.get() == 1);
            Future<byte[]> secondAnswer = consoles.submit(() -> passwordAnswer(second));
            await().atMost(WAIT).until(() -> secondAnswer.isDone() || mostAtOnce.get() > 1);
            answer.countDown();

            assertThat(mostAtOnce).as("questions on the screen at once").hasValue(1);
            assertThat(secondAnswer.get()).as("bytes to the second console").isEmpty();
            assertThat(firstAnswer.get()).as("bytes to the first console, declined").isEmpty();
        } finally {
            answer.countDown();
            consoles.shutdownNow();
        }
    }

    /** The device's answer to the documented handshake with {@code device}'s session password. */
    private byte[] passwordAnswer(ThinClient device) throws Exception {
        try (SSLSocket socket = openTls(device)) {
            return sendPassword(socket, "PROCYCMD PW_" + device.shadowSecret().password());
        }
    }

    @Test
    void withoutRemoteInputThePointerNeverMoves() throws Exception {
        startOs11Agent(false, null);
        ThinClient device = secret();
        String before = pointerOnXvnc();
        try (SSLSocket socket = openTls(device)) {
            byte[] answer = sendPassword(socket, "PROCYCMD PW_" + device.shadowSecret().password());
            RfbProbe rfb = new RfbProbe(new java.io.SequenceInputStream(new ByteArrayInputStream(answer),
                    socket.getInputStream()), socket.getOutputStream()).handshake();
            int x = before.equals("X=9 Y=9") ? 19 : 9;
            rfb.pointer(x, 9);
            rfb.roundTrip();
            assertThat(pointerOnXvnc()).isEqualTo(before).isNotEqualTo("X=" + x + " Y=9");
        }
    }

    /** Accepts any chain during the handshake and keeps the leaf, so the test compares it itself (step 2). */
    private record RecordingTrust(AtomicReference<X509Certificate> presented) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            presented.set(chain[0]);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
