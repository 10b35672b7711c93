package dev.ums.server.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.recording.Direction;
import dev.ums.recording.RecordedChunk;
import dev.ums.recording.RecordingHeader;
import dev.ums.recording.RecordingReader;
import dev.ums.relay.ConnectionGuard;
import dev.ums.relay.RelayObserver;
import dev.ums.relay.TlsServerFactory;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelTokens;
import dev.ums.relay.TunnelTokens.Presenter;
import dev.ums.relay.TunnelUpgrade;
import dev.ums.relay.handshake.HandshakeTurns;
import dev.ums.server.internal.audit.AuditLog;
import dev.ums.server.internal.db.Database;
import dev.ums.server.internal.db.Jdbc;
import dev.ums.server.internal.db.TwoNodePools;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.device.DirectoryStore;
import dev.ums.server.internal.link.DeviceConnections;
import dev.ums.server.internal.link.FakeDeviceLink;
import dev.ums.server.internal.link.ShadowEnds;
import dev.ums.server.internal.link.TunnelHost;
import dev.ums.server.internal.recording.SessionRecordings;
import dev.ums.server.internal.shadow.LocalTunnelHost;
import dev.ums.server.internal.shadow.MemorySessionPasswords;
import dev.ums.server.internal.shadow.RelayAudit;
import dev.ums.server.internal.shadow.SecureVncSecrets;
import dev.ums.server.internal.shadow.ShadowBroker;
import dev.ums.server.internal.shadow.ShadowRefusal;
import dev.ums.server.internal.webapp.BrowserBridges;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session that must be recorded, with an OS 12 device behind a gateway whose link node A holds, asked for on node B,
 * which bridges the gateway's tunnel into its own relay (the web app, or a console whose session must be recorded):
 * B's relay records it, under the audit entry A wrote, as a single server records the sessions it bridges. Two nodes
 * on one real PostgreSQL, each played by its own objects on its own connection pool (broker, cluster messages,
 * relay, recordings); the gateway's tunnel endpoint is a real relay behind real TLS, as the gateway serves it; the
 * device's and the console's tunnels are real WebSockets.
 */
class RecordedSessionsAcrossNodesTest {
    /**
     * Who presents the console's token to B's relay: here a Bearer client plays the browser (DeviceRoutes passes
     * {@code BROWSER} for the web app, whose admission is WebAppAccessTest's); where the session is recorded does not
     * depend on it.
     */
    private static final Presenter BEARER_CONSOLE = Presenter.ANY;
    /** Where a failed bridge would end its gateway session; a bridge failing here fails the test's future first. */
    private static final ShadowEnds NOT_ENDED = (sessionId, reason) -> { };
    private static final String RFB_VERSION = "RFB 003.008\n";
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final TwoNodePools pools = new TwoNodePools();
    @TempDir
    Path recordingsRoot;

    private final Clock clock = Clock.systemUTC();
    private final Deque<AutoCloseable> closing = new ArrayDeque<>();
    private Gateway gateway;
    private Node nodeA;
    private Node nodeB;
    private BrowserBridges bridgesOnB;
    private String hostOfB;

    @BeforeEach
    void nodes() throws Exception {
        gateway = new Gateway();
        nodeA = new Node(pools.first(), "node-a");
        nodeB = new Node(pools.second(), "node-b");
        SelfSignedIdentity identityOfB = SelfSignedIdentity.create("node-b");
        Server tunnelsOfB = serveTunnels(identityOfB, nodeB.tokens, nodeB.relay);
        hostOfB = "127.0.0.1:" + TlsServerFactory.localPort(tunnelsOfB);
        bridgesOnB = new BrowserBridges(nodeB.tokens, nodeB.relay, nodeB.relayAudit,
                new SecureVncSecrets(new MemorySessionPasswords(clock), nodeB.audit, nodeB.devices),
                "https://" + hostOfB, nodeB.recordings);
        closing.push(bridgesOnB);
        closing.push(() -> tunnelsOfB.stop());
        nodeB.pinOfTunnels = identityOfB.fingerprint();
    }

    @AfterEach
    void close() throws Exception {
        while (!closing.isEmpty()) {
            closing.pop().close();
        }
    }

    @Test
    void aWebAppSessionBridgedOnTheOtherNodeIsRecordedThereUnderTheEntryTheHoldingNodeWrote() throws Exception {
        GatewayDevice device = deviceOnA(true);

        // as DeviceRoutes.forBrowser on B: the web app's session through a gateway, bridged by B
        CompletableFuture<ShadowSession> bridged = bridgesOnB.viaGateway(nodeB.broker.start("admin",
                ShadowBroker.WEB_APP, device.id, false, hostOfB, Runnable::run), hostOfB, BEARER_CONSOLE, NOT_ENDED);

        Recorded recorded = carryBytes(device, bridged);

        assertThat(recorded.entry().client()).isEqualTo(ShadowBroker.WEB_APP);
        assertThat(recorded.header().route()).isEqualTo("icg, bridged by the server");
        assertThat(nodeA.recordingFiles()).as("node A carried nothing, so it recorded nothing").isEmpty();
    }

    @Test
    void aConsoleSessionThatMustBeRecordedIsBridgedAndRecordedOnTheOtherNodeNotRefused() throws Exception {
        GatewayDevice device = deviceOnA(true);

        // as DeviceRoutes.forConsole on B for a session that must be recorded: bridged by B, as a single server does
        CompletableFuture<ShadowSession> bridged = bridgesOnB.viaGateway(nodeB.broker.start("admin", "console",
                device.id, false, hostOfB, Runnable::run, true), hostOfB, Presenter.ANY, NOT_ENDED);

        Recorded recorded = carryBytes(device, bridged);

        assertThat(recorded.entry().client()).isEqualTo("console");
        assertThat(recorded.entry().outcome()).isNotEqualTo("NOT_RECORDABLE");
        assertThat(nodeA.recordingFiles()).isEmpty();
    }

    @Test
    void aConsoleSessionThatMustBeRecordedButIsNotBridgedIsStillRefusedByTheHoldingNode() throws Exception {
        GatewayDevice device = deviceOnA(true);

        CompletableFuture<ShadowSession> started = nodeB.broker.start("admin", "console", device.id, false, hostOfB,
                Runnable::run);

        assertThatThrownBy(() -> started.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ShadowRefusal.class, refusal -> {
                    assertThat(refusal.reason()).isEqualTo(ShadowRefusal.Reason.NOT_RECORDABLE);
                    assertThat(refusal.getMessage()).contains("(through the gateway) cannot be recorded");
                });
        assertThat(device.link.sent).as("the device was never asked").isEmpty();
    }

    @Test
    void aSessionThatNeedNotBeRecordedIsBridgedOnTheOtherNodeAndRecordedNowhere() throws Exception {
        GatewayDevice device = deviceOnA(false);

        CompletableFuture<ShadowSession> bridged = bridgesOnB.viaGateway(nodeB.broker.start("admin",
                ShadowBroker.WEB_APP, device.id, false, hostOfB, Runnable::run), hostOfB, BEARER_CONSOLE, NOT_ENDED);
        try (Tunnels tunnels = open(device, bridged)) {
            tunnels.pass();
            // while the session runs: a recorder started by mistake would be active now, its file perhaps not yet made
            assertThat(nodeB.recordings.activeCount()).isZero();
            assertThat(nodeA.recordings.activeCount()).isZero();
        }

        assertThat(nodeA.audit.forDevice(device.id)).singleElement()
                .satisfies(entry -> assertThat(entry.recording()).isNull());
        assertThat(nodeA.recordingFiles()).isEmpty();
        assertThat(nodeB.recordingFiles()).isEmpty();
    }

    /** A device in a directory that does or does not record its sessions, linked to node A through the gateway. */
    private GatewayDevice deviceOnA(boolean recorded) {
        String unit = UUID.randomUUID().toString();
        long directory = nodeA.directories.create("shop-" + unit, null).id();
        nodeA.directories.recordSessions(directory, recorded);
        long id = nodeA.devices.insert(unit, "kiosk-" + unit.substring(0, 8), "00:11:22:33:44:55", "12", null,
                "credential-" + unit, "token", null, ShadowSettings.DEFAULTS);
        nodeA.devices.moveTo(id, directory);
        FakeDeviceLink link = new FakeDeviceLink(id, "icg", gateway);
        nodeA.connections.register(link);
        return new GatewayDevice(id, link);
    }

    /** Opens both tunnels, passes bytes both ways, ends the session and reads B's finished recording. */
    private Recorded carryBytes(GatewayDevice device, CompletableFuture<ShadowSession> bridged) throws Exception {
        String relayId;
        try (Tunnels tunnels = open(device, bridged)) {
            relayId = tunnels.session.sessionId();
            tunnels.pass();
        }
        AuditEntry entry = nodeA.audit.forDevice(device.id).get(0);
        assertThat(entry.route()).isEqualTo("icg");
        String file = await().atMost(WAIT).until(() -> nodeA.audit.recordingOf(entry.id()).orElse(null),
                name -> name != null);
        assertThat(file).isEqualTo(relayId + SessionRecordings.EXTENSION);
        Path recording = nodeB.recordingsDir.resolve(file);
        await().atMost(WAIT).until(() -> complete(recording));
        assertThat(Files.size(recording)).isPositive();
        ByteArrayOutputStream fromDevice = new ByteArrayOutputStream();
        ByteArrayOutputStream fromConsole = new ByteArrayOutputStream();
        try (RecordingReader reader = RecordingReader.open(recording)) {
            for (Optional<RecordedChunk> c = reader.next(); c.isPresent(); c = reader.next()) {
                (c.get().direction() == Direction.FROM_DEVICE ? fromDevice : fromConsole).write(c.get().bytes());
            }
            assertThat(reader.header().sessionId()).isEqualTo(relayId);
            assertThat(reader.header().deviceId()).isEqualTo(String.valueOf(device.id));
            assertThat(reader.header().user()).isEqualTo("admin");
            assertThat(fromDevice.toString(StandardCharsets.US_ASCII)).isEqualTo(RFB_VERSION);
            assertThat(fromConsole.toString(StandardCharsets.US_ASCII)).isEqualTo(RFB_VERSION);
            return new Recorded(nodeA.audit.forDevice(device.id).get(0), reader.header());
        }
    }

    /**
     * Plays the device (its tunnel to the gateway, then its acceptance on node A) and the console (its tunnel to B's
     * relay, where B's bridge holds the device side).
     */
    private Tunnels open(GatewayDevice device, CompletableFuture<ShadowSession> bridged) throws Exception {
        await().atMost(WAIT).until(() -> !device.link.sent.isEmpty() || bridged.isDone());
        if (device.link.sent.isEmpty()) {
            // refused before the device was asked: the refusal is the failure
            bridged.get();
        }
        UpMessage.ShadowOpen open = (UpMessage.ShadowOpen) device.link.sent.get(0);
        assertThat(open.tunnelFingerprint()).isEqualTo(gateway.identity.fingerprint());
        WebSocketEndpoint deviceSide = WebSocketEndpoint.connect(pinnedTo(open.tunnelFingerprint()),
                URI.create(open.tunnelUrl()), open.token(), WAIT);
        nodeA.broker.onResult(device.id, new UpMessage.ShadowResult(open.sessionId(), ShadowOutcome.ACCEPTED, null));
        ShadowSession session = bridged.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(session.tunnelUrl()).startsWith("wss://" + hostOfB + "/");
        WebSocketEndpoint consoleSide = WebSocketEndpoint.connect(pinnedTo(nodeB.pinOfTunnels),
                URI.create(session.tunnelUrl()), session.token(), WAIT);
        return new Tunnels(session, deviceSide, consoleSide);
    }

    private static HttpClient pinnedTo(String fingerprint) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(PinnedTrust.fingerprint(fingerprint).sslContext()).connectTimeout(WAIT).build();
    }

    private static boolean complete(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        try (RecordingReader reader = RecordingReader.open(file)) {
            while (reader.next().isPresent()) {
                // read to the end
            }
            return reader.complete();
        } catch (IOException e) {
            return false;
        }
    }

    private Server serveTunnels(SelfSignedIdentity identity, TunnelTokens tokens, TunnelRelay relay)
            throws Exception {
        ConnectionGuard guard = new ConnectionGuard(64);
        Handler nothingElse = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return false;
            }
        };
        Server server = TlsServerFactory.create("127.0.0.1", 0, identity, nothingElse,
                container -> container.addMapping(TunnelUpgrade.pathSpec(), new TunnelUpgrade(tokens, relay, guard)),
                guard, HandshakeTurns.forProcessors());
        server.start();
        return server;
    }

    /** The audit entry of a recorded session and its recording's header. */
    private record Recorded(AuditEntry entry, RecordingHeader header) {
    }

    private record GatewayDevice(long id, FakeDeviceLink link) {
    }

    /** The device's and the console's open tunnels of one session; closing ends the session. */
    private record Tunnels(ShadowSession session, WebSocketEndpoint deviceSide, WebSocketEndpoint consoleSide)
            implements AutoCloseable {
        /** The RFB version each way, read whole on the other side. */
        void pass() throws IOException {
            write(deviceSide);
            assertThat(read(consoleSide.input())).isEqualTo(RFB_VERSION);
            write(consoleSide);
            assertThat(read(deviceSide.input())).isEqualTo(RFB_VERSION);
        }

        private static void write(WebSocketEndpoint side) throws IOException {
            side.output().write(RFB_VERSION.getBytes(StandardCharsets.US_ASCII));
            side.output().flush();
        }

        private static String read(InputStream in) throws IOException {
            return new String(in.readNBytes(RFB_VERSION.length()), StandardCharsets.US_ASCII);
        }

        @Override
        public void close() {
            consoleSide.close();
            deviceSide.close();
        }
    }

    /** One node of the cluster: membership, cluster messages, broker, relay and recordings on its own pool. */
    private final class Node {
        final AuditLog audit;
        final DeviceStore devices;
        final DirectoryStore directories;
        final Path recordingsDir;
        final SessionRecordings recordings;
        final RelayAudit relayAudit;
        final TunnelTokens tokens = new TunnelTokens(clock);
        final TunnelRelay relay;
        final DeviceConnections connections;
        final ShadowBroker broker;
        volatile String pinOfTunnels;

        Node(Database database, String name) throws Exception {
            Jdbc jdbc = new Jdbc(database.dataSource());
            ClusterNode member = ClusterNode.join(jdbc, "https://" + name + ".example:8443");
            member.start(() -> { });
            closing.push(member);
            this.audit = new AuditLog(jdbc, clock, member.id());
            this.devices = new DeviceStore(jdbc, clock);
            this.directories = new DirectoryStore(jdbc);
            this.recordingsDir = Files.createDirectory(recordingsRoot.resolve(name));
            this.recordings = new SessionRecordings(recordingsDir, false, directories, audit, clock);
            closing.push(recordings);
            this.relayAudit = new RelayAudit(audit);
            this.relay = new TunnelRelay(clock, relayAudit, Duration.ofMinutes(5), recordings);
            ClusterShadows shadows = new ClusterShadows(member.presence(),
                    new LocalTunnelHost(tokens, relay, "https://" + name + ".example:8443", null));
            this.connections = new DeviceConnections(shadows);
            this.broker = new ShadowBroker(devices, connections, relayAudit, audit, recordings);
            ClusterBus bus = new ClusterBus(pools.postgres().jdbcUrl(), pools.postgres().user(), null, jdbc, member.id(),
                    shadows::receive);
            shadows.attach(bus, connections, broker);
            bus.start();
            closing.push(bus);
        }

        List<Path> recordingFiles() throws IOException {
            try (Stream<Path> files = Files.list(recordingsDir)) {
                return files.toList();
            }
        }
    }

    /** The gateway's tunnel endpoint: its relay behind its own TLS identity, where node A registers sessions. */
    private final class Gateway implements TunnelHost {
        final SelfSignedIdentity identity;
        final TunnelTokens tokens = new TunnelTokens(clock);
        final TunnelRelay relay = new TunnelRelay(clock, RelayObserver.NONE, Duration.ofMinutes(5));
        final String url;

        Gateway() throws Exception {
            identity = SelfSignedIdentity.create("gateway");
            Server server = serveTunnels(identity, tokens, relay);
            closing.push(() -> server.stop());
            url = "https://127.0.0.1:" + TlsServerFactory.localPort(server);
        }

        @Override
        public void prepare(String sessionId, String consoleToken, String deviceToken, Duration ttl,
                            Presenter consolePresenter) {
            relay.open(sessionId);
            tokens.grant(consoleToken, sessionId, TunnelSide.CONSOLE, ttl);
            tokens.grant(deviceToken, sessionId, TunnelSide.DEVICE, ttl);
        }

        @Override
        public void cancel(String sessionId, String reason) {
            tokens.revokeSession(sessionId);
            relay.cancel(sessionId, reason);
        }

        @Override
        public String deviceUrl(String sessionId) {
            return LocalTunnelHost.tunnelUrl(url, sessionId);
        }

        @Override
        public String consoleUrl(String sessionId, String consoleHost) {
            return LocalTunnelHost.tunnelUrl(url, sessionId);
        }

        @Override
        public String browserUrl(String sessionId, String browserHost) {
            return LocalTunnelHost.tunnelUrl(url, sessionId);
        }

        @Override
        public String fingerprint() {
            return identity.fingerprint();
        }

        @Override
        public String route() {
            return "icg";
        }

        @Override
        public String gatewayUrl() {
            return url;
        }
    }
}
