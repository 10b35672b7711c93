package dev.ums.icg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.ConsentPrompt;
import dev.ums.agent.DeviceAgent;
import dev.ums.console.core.ShadowConnection;
import dev.ums.console.core.ShadowConnector;
import dev.ums.console.proxy.ListenAddress;
import dev.ums.console.proxy.LocalProxy;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.tls.Fingerprints;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.tunnel.BytePump;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.testkit.vnc.TestPattern;
import dev.ums.viewer.VncAddress;
import dev.ums.viewer.VncSettings;
import dev.ums.viewer.VncSnapshot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OS 11 secure VNC through the gateway, in process: server + gateway + an OS 11 agent that reaches only the
 * gateway, a real Xvnc behind it, and the console's connector. That the gateway relays only ciphertext is shown
 * two ways: the console's TLS peer holds the device's own key (its certificate, the one the server holds, not the
 * gateway's), and the bytes the gateway relays, recorded at the console's end of the tunnel, are TLS records that
 * never carry the password or RFB in clear.
 */
class GatewaySecureVncTest extends GatewayBranchFixture {
    @BeforeAll
    static void showTestPattern() throws Exception {
        xvnc.showImage(TestPattern.render(320, 240));
    }

    @BeforeEach
    void start() throws Exception {
        startBranch("os11-branch", c -> c, c -> c.withSecureVnc(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(device().online()));
    }

    private X509Certificate certificateTheServerHolds() throws Exception {
        return SelfSignedIdentity.Pem.decode(console.thinClientWithShadowSecret(agent.deviceId()).shadowSecret()
                .certificate());
    }

    /**
     * Reads Xvnc's greeting and completes the RFB handshake with security None, so that closing afterwards is not
     * a failed handshake: Xvnc answers a host with too many of those with "RFB 003.003" and a refusal.
     */
    private static void assertRfbSessionStarts(ShadowConnection session) throws Exception {
        InputStream in = session.input();
        OutputStream out = session.output();
        assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] types = in.readNBytes(in.read());
        assertThat(types).as("security types").contains((byte) 1);
        out.write(1);
        out.flush();
        assertThat(in.readNBytes(4)).as("security result: OK").containsExactly(0, 0, 0, 0);
    }

    @Test
    void anOs11DeviceBehindTheGatewayReportsRouteAndSecurePort() throws Exception {
        ThinClient device = device();
        assertThat(device.route()).isEqualTo("icg");
        assertThat(device.osVersion()).isEqualTo("11");
        assertThat(device.securePort()).isEqualTo(agent.securePort().orElseThrow());
    }

    /** The user's prompt and the password check run once, inside, in the device's secure listener. */
    @Test
    void aDeclineBehindTheGatewayIsTheDocumentedRefusalAndTheUserIsAskedOnce() throws Exception {
        List<ConsentPrompt.Request> asked = new CopyOnWriteArrayList<>();
        try (DeviceAgent grumpy = DeviceAgent.start(AgentConfig.builder(gateway.baseUrl(), gateway.fingerprint(),
                "os11-grumpy", dir.resolve("grumpy")).vnc(InetSocketAddress.createUnresolved(xvnc.host(), xvnc.port()))
                .enrollmentToken("enroll-secret").prompt(request -> {
                    asked.add(request);
                    return ConsentPrompt.Answer.deny("the user declined");
                }).os(AgentConfig.OS_11, 0, null).build())) {
            await().atMost(Duration.ofSeconds(10)).until(grumpy::isConnected);
            ThinClient device = console.thinClient(grumpy.deviceId());

            assertThatThrownBy(() -> new ShadowConnector(console).open(device, false, (step, detail) -> { }))
                    .hasMessage("the device refused the session password (or its user declined the session, or its "
                            + "VNC server is not running)");
            assertThat(asked).hasSize(1);
        }
    }

    /** The contrast: an OS 11 device connected to the server itself is reached straight, on the port it reported. */
    @Test
    void aDirectOs11DeviceIsReachedOnTheSecurePortItReported() throws Exception {
        try (DeviceAgent direct = DeviceAgent.start(AgentConfig.builder(server.baseUrl(), server.fingerprint(),
                "os11-office", dir.resolve("direct")).vnc(InetSocketAddress.createUnresolved(xvnc.host(), xvnc.port()))
                .promptUser(false).enrollmentToken("enroll-secret").os(AgentConfig.OS_11, 0, null).build())) {
            await().atMost(Duration.ofSeconds(10)).until(direct::isConnected);
            ThinClient device = console.thinClient(direct.deviceId());
            assertThat(device.route()).isEqualTo("direct");
            assertThat(device.securePort()).isEqualTo(direct.securePort().orElseThrow()).isNotEqualTo(5900);

            try (ShadowConnection session = new ShadowConnector(console).open(device, false, (step, detail) -> { })) {
                assertThat(session.session().route()).isEqualTo("os11");
                assertThat(session.session().tunnelUrl()).endsWith(":" + device.securePort());
                assertRfbSessionStarts(session);
            }
        }
    }

    @Test
    void theConsolesTlsSessionEndsAtTheDeviceNotAtTheGateway() throws Exception {
        X509Certificate held = certificateTheServerHolds();
        assertThat(Fingerprints.sha256(held)).as("the device's key is not the gateway's")
                .isNotEqualTo(gateway.fingerprint());

        try (ShadowConnection session = new ShadowConnector(console).open(device(), false, (step, detail) -> { })) {
            assertThat(session.session().route()).isEqualTo("icg");
            assertThat(session.session().tunnelUrl()).startsWith(gateway.baseUrl().replace("https", "wss"));
            assertThat(session.session().token()).as("the spent token is not handed on").isNull();
            assertThat(session.deviceCertificate()).as("the certificate of the console's TLS peer")
                    .hasValueSatisfying(peer -> assertThat(Fingerprints.sha256(peer)).isEqualTo(Fingerprints.sha256(held)));
            assertRfbSessionStarts(session);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(console.shadowLog(agent.deviceId())).anySatisfy(e -> {
                    assertThat(e.route()).isEqualTo("icg");
                    assertThat(e.bytesFromDevice()).as("TLS records, more than the 12 greeting bytes").isGreaterThan(12);
                }));
    }

    /**
     * What the gateway relays, recorded where it enters and leaves the console's end of the tunnel (the gateway
     * forwards frames unchanged, so these are exactly the bytes it handles): TLS records from the first byte,
     * never the password, the command or the RFB greeting in clear, although the same handshake inside TLS works.
     */
    @Test
    void theGatewayRelaysOnlyTlsRecordsNeverThePasswordOrRfbInClear() throws Exception {
        ThinClient withSecret = console.thinClientWithShadowSecret(agent.deviceId());
        X509Certificate held = SelfSignedIdentity.Pem.decode(withSecret.shadowSecret().certificate());
        String password = withSecret.shadowSecret().password();
        ShadowSession brokered = console.startShadow(agent.deviceId(), false);
        HttpClient pinnedToGateway = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(brokered.fingerprint()).sslContext()).build();
        RecordingEndpoint tunnel = new RecordingEndpoint(WebSocketEndpoint.connect(pinnedToGateway,
                URI.create(brokered.tunnelUrl()), brokered.token(), Duration.ofSeconds(10)));

        try (ServerSocket pair = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket near = new Socket(InetAddress.getLoopbackAddress(), pair.getLocalPort())) {
            BytePump.start("recorded", Endpoint.of(pair.accept()), tunnel, BytePump.DEFAULT_BOUND);
            try (SSLSocket tls = (SSLSocket) PinnedTrust.exactly(held).sslContext().getSocketFactory()
                    .createSocket(near, "device", 0, true)) {
                tls.setSoTimeout(30_000);
                tls.getOutputStream().write(("PROCYCMD PW_" + password).getBytes(StandardCharsets.US_ASCII));
                tls.getOutputStream().flush();
                assertThat(new String(tls.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                        .as("the device's answer inside TLS").isEqualTo("RFB 003.008\n");
            }
        }

        byte[] toDevice = tunnel.written();
        byte[] fromDevice = tunnel.read();
        assertThat(toDevice[0]).as("first byte to the device: a TLS handshake record").isEqualTo((byte) 0x16);
        assertThat(fromDevice[0]).as("first byte from the device: a TLS handshake record").isEqualTo((byte) 0x16);
        assertThat(new String(toDevice, StandardCharsets.ISO_8859_1)).doesNotContain(password)
                .doesNotContain("PROCYCMD").doesNotContain("RFB 003.008");
        assertThat(new String(fromDevice, StandardCharsets.ISO_8859_1)).doesNotContain("RFB 003.008");
    }

    @Test
    void aViewerBehindTheConsolesProxyGetsTheXServersPixelsThroughTheGateway() throws Exception {
        ShadowConnection session = new ShadowConnector(console).open(device(), false, (step, detail) -> { });
        try (LocalProxy proxy = LocalProxy.listen(session, ListenAddress.DEFAULT)) {
            CompletableFuture<?> served = CompletableFuture.runAsync(() -> {
                try {
                    proxy.serveOne();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            BufferedImage image = VncSnapshot.capture(VncAddress.parse(proxy.addressText()),
                    VncSettings.builder().jpegQuality(VncSettings.LOSSLESS).build(), Duration.ofSeconds(30));
            int[] pixels = image.getRGB(0, 0, 320, 240, null, 0, 320);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] &= 0xffffff;
            }
            assertThat(pixels).isEqualTo(xvnc.screenPixels());
            served.get();
            assertThat(proxy.endedBecause()).isEqualTo("the viewer disconnected");
        }
    }

    @Test
    void aGatewayRestartEndsTheSessionWithItsReasonAndTheDeviceReturns() throws Exception {
        int port = gateway.port();
        ShadowConnection session = new ShadowConnector(console).open(device(), false, (step, detail) -> { });
        assertRfbSessionStarts(session);

        gateway.close();
        assertThat(session.input().read()).as("the session in flight ends").isEqualTo(-1);
        assertThat(session.closeReason()).isEqualTo("the gateway is shutting down");
        session.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> !Boolean.TRUE.equals(device().online()));

        gateway = LinkedCluster.gateway(dir, port);
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(device().online()));
        try (ShadowConnection again = new ShadowConnector(console).open(device(), false, (step, detail) -> { })) {
            assertRfbSessionStarts(again);
        }
    }

    /** A tunnel end that keeps a copy of every byte through it, both ways; one reader and one writer thread. */
    private static final class RecordingEndpoint implements Endpoint {
        private final Endpoint tunnel;
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private final ByteArrayOutputStream read = new ByteArrayOutputStream();

        RecordingEndpoint(Endpoint tunnel) {
            this.tunnel = tunnel;
        }

        @Override
        public InputStream input() throws IOException {
            InputStream in = tunnel.input();
            return new FilterInputStream(in) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    if (n > 0) {
                        synchronized (read) {
                            read.write(b, off, n);
                        }
                    }
                    return n;
                }
            };
        }

        @Override
        public OutputStream output() throws IOException {
            OutputStream out = tunnel.output();
            return new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    synchronized (written) {
                        written.write(b, off, len);
                    }
                    out.write(b, off, len);
                }
            };
        }

        @Override
        public void close() throws IOException {
            tunnel.close();
        }

        byte[] written() {
            synchronized (written) {
                return written.toByteArray();
            }
        }

        byte[] read() {
            synchronized (read) {
                return read.toByteArray();
            }
        }
    }
}
