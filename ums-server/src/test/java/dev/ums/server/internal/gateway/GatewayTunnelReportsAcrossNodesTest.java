package dev.ums.server.internal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelTokens;
import dev.ums.server.GatewayTarget;
import dev.ums.server.internal.audit.AuditLog;
import dev.ums.server.internal.cluster.ClusterNode;
import dev.ums.server.internal.db.Jdbc;
import dev.ums.server.internal.db.TwoNodePools;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.device.DirectoryStore;
import dev.ums.server.internal.link.DeviceConnections;
import dev.ums.server.internal.link.FakeDeviceLink;
import dev.ums.server.internal.link.TunnelHost;
import dev.ums.server.internal.recording.SessionRecordings;
import dev.ums.server.internal.shadow.LocalTunnelHost;
import dev.ums.server.internal.shadow.RelayAudit;
import dev.ums.server.internal.shadow.ShadowBroker;
import dev.ums.testkit.log.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway reports a session's pairing and end to whichever node of a cluster links to it at the time, which need
 * not be the node that registered the session there. Two nodes on one real PostgreSQL, each played by its own
 * objects on its own connection pool: node A brokers sessions (the broker, its audit log, a device link through a
 * gateway or its own relay), node B only hears gateways' reports through its gateway clients, as after the gateway
 * relinked to it. A report closes the session's audit entry whichever node wrote it, but only for the gateway the
 * session was registered at, and only once: whatever ends an entry first (a report, the broker, a surviving node)
 * stays its end.
 */
class GatewayTunnelReportsAcrossNodesTest {
    private static final String FIRST_GATEWAY = "https://gw-one.example:9443";
    private static final String SECOND_GATEWAY = "https://gw-two.example:9443";
    private static final String AUDIT_LOGGER = "dev.ums.server.internal.gateway.GatewayTunnelAudit";
    @RegisterExtension
    static final TwoNodePools pools = new TwoNodePools();
    @TempDir
    static Path data;

    @RegisterExtension
    final CapturedLog log = new CapturedLog(AUDIT_LOGGER);

    private final Clock clock = Clock.systemUTC();
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
    private NodeA nodeA;
    private GatewayClient firstAtA;
    private GatewayClient secondAtA;
    private GatewayClient firstAtB;
    private GatewayClient secondAtB;

    @BeforeEach
    void nodes() throws Exception {
        AuditLog auditA = new AuditLog(new Jdbc(pools.first().dataSource()), clock, "node-a");
        AuditLog auditB = new AuditLog(new Jdbc(pools.second().dataSource()), clock, "node-b");
        nodeA = new NodeA(auditA);
        firstAtA = client(FIRST_GATEWAY, auditA);
        secondAtA = client(SECOND_GATEWAY, auditA);
        firstAtB = client(FIRST_GATEWAY, auditB);
        secondAtB = client(SECOND_GATEWAY, auditB);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    @Test
    void theEndOfASessionReportedToAnotherNodeClosesTheEntryTheRegisteringNodeOpened() throws Exception {
        Session session = nodeA.shadowThroughGateway(firstAtA);

        firstAtB.received(new GatewayMessage.TunnelPaired(session.id()).toJson());
        assertThat(nodeA.entry(session).outcome()).isEqualTo("CONNECTED");
        firstAtB.received(new GatewayMessage.TunnelEnded(session.id(), true, "the console closed the session", 1200,
                34_000).toJson());

        AuditEntry entry = nodeA.entry(session);
        assertThat(entry.outcome()).isEqualTo("COMPLETED");
        assertThat(entry.detail()).isEqualTo("the console closed the session");
        assertThat(entry.end()).isNotNull();
        assertThat(entry.bytesToDevice()).isEqualTo(1200);
        assertThat(entry.bytesFromDevice()).isEqualTo(34_000);
        assertThat(nodeA.audit.forDevice(session.deviceId())).as("no second entry").hasSize(1);
    }

    @Test
    void aRepeatedEndOrALatePairingChangesNoClosedEntryOnEitherNode() throws Exception {
        Session session = nodeA.shadowThroughGateway(firstAtA);
        firstAtB.received(new GatewayMessage.TunnelEnded(session.id(), false, "the device never came", 0, 0)
                .toJson());
        AuditEntry closed = nodeA.entry(session);

        firstAtB.received(new GatewayMessage.TunnelEnded(session.id(), true, "forged", 1, 2).toJson());
        firstAtA.received(new GatewayMessage.TunnelEnded(session.id(), true, "forged again", 3, 4).toJson());
        firstAtB.received(new GatewayMessage.TunnelPaired(session.id()).toJson());
        firstAtA.received(new GatewayMessage.TunnelPaired(session.id()).toJson());

        assertThat(closed.outcome()).isEqualTo("FAILED");
        assertThat(nodeA.entry(session)).isEqualTo(closed);
    }

    @Test
    void anEndReportedBeforeTheDeviceAnsweredStaysTheEntrysEnd() throws Exception {
        Asked asked = nodeA.askThroughGateway(firstAtA);
        firstAtB.received(new GatewayMessage.TunnelEnded(asked.session().id(), false,
                "the session's tokens expired before both sides came", 0, 0).toJson());
        AuditEntry closed = nodeA.entry(asked.session());

        nodeA.accept(asked);

        assertThat(closed.outcome()).isEqualTo("FAILED");
        assertThat(nodeA.entry(asked.session())).isEqualTo(closed);
    }

    @Test
    void aDeviceDecliningAfterTheGatewayEndedTheSessionLeavesTheGatewaysEnd() throws Exception {
        Asked asked = nodeA.askThroughGateway(firstAtA);
        firstAtB.received(new GatewayMessage.TunnelEnded(asked.session().id(), false,
                "the session's tokens expired before both sides came", 0, 0).toJson());
        AuditEntry closed = nodeA.entry(asked.session());

        nodeA.broker.onResult(asked.session().deviceId(), new UpMessage.ShadowResult(asked.session().id(),
                ShadowOutcome.DECLINED, null));

        assertThat(asked.started()).failsWithin(Duration.ofSeconds(10));
        assertThat(closed.outcome()).isEqualTo("FAILED");
        assertThat(nodeA.entry(asked.session())).isEqualTo(closed);
    }

    @Test
    void aNodeTakenForDeadKeepsTheInterruptedEndItsSurvivorWroteWhenItsRelayLaterEndsTheSession() throws Exception {
        Session session = nodeA.shadowDirectly();
        try (ClusterNode survivor = ClusterNode.join(new Jdbc(pools.second().dataSource()), "https://node-b.example:8443")) {
            AuditEntry interrupted = nodeA.entry(session);
            assertThat(interrupted.outcome()).isEqualTo("INTERRUPTED");

            nodeA.relayAudit.ended(session.id(), true, "the console closed the session", 1200, 34_000);

            assertThat(nodeA.entry(session)).isEqualTo(interrupted);
        }
    }

    @Test
    void aGatewayCanEndNeitherADirectDevicesSessionNorAnotherGatewaysOnAnyNode() throws Exception {
        Session direct = nodeA.shadowDirectly();
        Session atFirst = nodeA.shadowThroughGateway(firstAtA);
        AuditEntry directBefore = nodeA.entry(direct);
        AuditEntry atFirstBefore = nodeA.entry(atFirst);

        for (GatewayClient gateway : List.of(firstAtA, secondAtA, firstAtB, secondAtB)) {
            gateway.received(new GatewayMessage.TunnelPaired(direct.id()).toJson());
            gateway.received(new GatewayMessage.TunnelEnded(direct.id(), true, "forged", 5, 6).toJson());
        }
        for (GatewayClient gateway : List.of(secondAtA, secondAtB)) {
            gateway.received(new GatewayMessage.TunnelPaired(atFirst.id()).toJson());
            gateway.received(new GatewayMessage.TunnelEnded(atFirst.id(), true, "forged", 7, 8).toJson());
        }

        assertThat(nodeA.entry(direct)).isEqualTo(directBefore);
        assertThat(nodeA.entry(atFirst)).isEqualTo(atFirstBefore);
        assertThat(log.events()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("which was not registered with it; ignored");
        });
        firstAtB.received(new GatewayMessage.TunnelEnded(atFirst.id(), true, "the device closed", 9, 10).toJson());
        assertThat(nodeA.entry(atFirst).outcome()).as("its own gateway still ends it").isEqualTo("COMPLETED");
    }

    @Test
    void anUnknownSessionIsLoggedOnceAtDebugLevelAndChangesNothing() throws Exception {
        Session session = nodeA.shadowThroughGateway(firstAtA);
        AuditEntry before = nodeA.entry(session);
        Logger logger = (Logger) log.logger();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            firstAtB.received(new GatewayMessage.TunnelEnded("no-such-session", true, "gone", 1, 1).toJson());
        } finally {
            logger.setLevel(level);
        }

        assertThat(nodeA.entry(session)).isEqualTo(before);
        assertThat(log.events()).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(e.getFormattedMessage()).isEqualTo("gateway " + FIRST_GATEWAY + " reported the end of session "
                    + "no-such-session, which no audit entry names; ignored");
        });
    }

    private GatewayClient client(String url, AuditLog audit) {
        GatewayClient client = new GatewayClient(new GatewayTarget(url, "00".repeat(32)), "a-secret-of-sixteen-chars",
                links(audit), GatewayLease.ALWAYS);
        closing.add(client);
        return client;
    }

    /** A node's gateway events; the tunnel reports need neither its enrollment nor its device dispatcher. */
    private GatewayLinks links(AuditLog audit) {
        return new GatewayLinks(null, new DeviceStore(audit.jdbc(), clock), null, new GatewayTunnelAudit(audit, clock),
                new OfflineReasons());
    }

    /** A session node A brokered for a device, as its id in {@code shadow.open}. */
    record Session(String id, long deviceId) {
    }

    /** A session node A asked its device for, and the console's answer once the device answers. */
    record Asked(Session session, CompletableFuture<ShadowSession> started) {
    }

    /** The node that registers sessions: its broker, with device links of a test's choosing. */
    private final class NodeA {
        final AuditLog audit;
        final DeviceStore devices;
        final DeviceConnections connections = new DeviceConnections();
        final ShadowBroker broker;
        final RelayAudit relayAudit;
        final TunnelHost ownRelay;

        NodeA(AuditLog audit) throws Exception {
            this.audit = audit;
            this.devices = new DeviceStore(audit.jdbc(), clock);
            this.relayAudit = new RelayAudit(audit);
            Path recordings = Files.createTempDirectory(data, "recordings");
            this.broker = new ShadowBroker(devices, connections, relayAudit, audit, new SessionRecordings(recordings,
                    false, new DirectoryStore(audit.jdbc()), audit, clock));
            this.ownRelay = new LocalTunnelHost(new TunnelTokens(clock), new TunnelRelay(clock, relayAudit,
                    Duration.ofMinutes(5)), "https://node-a.example:8443", null);
        }

        Session shadowThroughGateway(GatewayClient gateway) throws Exception {
            return shadow(new GatewayTunnelHost(gateway), "icg");
        }

        Session shadowDirectly() throws Exception {
            return shadow(ownRelay, "direct");
        }

        /** Brokers a session with a device that accepts it. */
        private Session shadow(TunnelHost tunnels, String route) throws Exception {
            Asked asked = ask(tunnels, route);
            accept(asked);
            assertThat(entry(asked.session()).outcome()).isEqualTo("ACCEPTED");
            return asked.session();
        }

        /** Asks a device behind {@code gateway} for a session; it has not answered yet. */
        Asked askThroughGateway(GatewayClient gateway) {
            return ask(new GatewayTunnelHost(gateway), "icg");
        }

        private Asked ask(TunnelHost tunnels, String route) {
            String unit = UUID.randomUUID().toString();
            long deviceId = devices.insert(unit, "kiosk-" + unit, "00:11:22:33:44:55", "12", null, "credential-" + unit,
                    "token", null, ShadowSettings.DEFAULTS);
            FakeDeviceLink link = new FakeDeviceLink(deviceId, route, tunnels);
            connections.register(link);
            CompletableFuture<ShadowSession> started = broker.start("admin", "console", deviceId, false,
                    "node-a.example:8443", Runnable::run);
            String sessionId = ((UpMessage.ShadowOpen) link.sent.get(0)).sessionId();
            return new Asked(new Session(sessionId, deviceId), started);
        }

        void accept(Asked asked) throws Exception {
            broker.onResult(asked.session().deviceId(), new UpMessage.ShadowResult(asked.session().id(),
                    ShadowOutcome.ACCEPTED, null));
            asked.started().get(10, TimeUnit.SECONDS);
        }

        AuditEntry entry(Session session) {
            return audit.forDevice(session.deviceId()).get(0);
        }
    }
}
