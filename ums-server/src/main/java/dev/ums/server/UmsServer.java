package dev.ums.server;

import dev.ums.protocol.imi.ServerStatus;
import dev.ums.protocol.io.OwnerOnlyDirectory;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.tunnel.RandomTokens;
import dev.ums.relay.BindFailures;
import dev.ums.relay.ConnectionGuard;
import dev.ums.relay.RelayObserver;
import dev.ums.relay.TlsServerFactory;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelTokens;
import dev.ums.relay.handshake.HandshakeTurns;
import dev.ums.server.internal.account.AccountStore;
import dev.ums.server.internal.account.LoginThrottle;
import dev.ums.server.internal.account.Logins;
import dev.ums.server.internal.account.PasswordChecks;
import dev.ums.server.internal.account.MemoryWebSessions;
import dev.ums.server.internal.account.WebSessions;
import dev.ums.server.internal.cluster.ClusterBus;
import dev.ums.server.internal.cluster.ClusterIdentity;
import dev.ums.server.internal.cluster.ClusterNode;
import dev.ums.server.internal.cluster.ClusterShadows;
import dev.ums.server.internal.cluster.SharedThrottleStore;
import dev.ums.server.internal.cluster.DatabaseLease;
import dev.ums.server.internal.cluster.SharedSessionPasswords;
import dev.ums.server.internal.cluster.SharedWebSessions;
import dev.ums.server.internal.audit.AdminActions;
import dev.ums.server.internal.audit.AuditLog;
import dev.ums.server.internal.db.Database;
import dev.ums.server.internal.db.Jdbc;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.device.DirectoryStore;
import dev.ums.server.internal.device.Enroller;
import dev.ums.server.internal.device.EnrollmentTokenStore;
import dev.ums.server.internal.device.PendingEnrollments;
import dev.ums.server.internal.device.RepeatedEnrollments;
import dev.ums.server.internal.device.Reenrollments;
import dev.ums.server.internal.gateway.GatewayClient;
import dev.ums.server.internal.gateway.GatewayLease;
import dev.ums.server.internal.gateway.GatewayLinks;
import dev.ums.server.internal.gateway.GatewayTunnelAudit;
import dev.ums.server.internal.gateway.OfflineReasons;
import dev.ums.server.internal.link.DeviceConnections;
import dev.ums.server.internal.rest.DeviceRoutes;
import dev.ums.server.internal.recording.RecordingLookup;
import dev.ums.server.internal.recording.RecordingRetention;
import dev.ums.server.internal.recording.SessionRecordings;
import dev.ums.server.internal.rest.DirectoryRoutes;
import dev.ums.server.internal.rest.RecordingRoutes;
import dev.ums.server.internal.rest.EnrollmentRoutes;
import dev.ums.server.internal.rest.JsonErrors;
import dev.ums.server.internal.rest.ReenrollmentRoutes;
import dev.ums.server.internal.rest.Router;
import dev.ums.server.internal.rest.SessionRoutes;
import dev.ums.server.internal.rest.WebAppRoutes;
import dev.ums.server.internal.shadow.LocalTunnelHost;
import dev.ums.server.internal.shadow.RelayAudit;
import dev.ums.server.internal.shadow.SecureVncSecrets;
import dev.ums.server.internal.shadow.MemorySessionPasswords;
import dev.ums.server.internal.shadow.SessionPasswords;
import dev.ums.server.internal.shadow.ShadowBroker;
import dev.ums.server.internal.link.OtherNodes;
import dev.ums.server.internal.link.ShadowEnds;
import dev.ums.server.internal.up.UpDispatcher;
import dev.ums.server.internal.up.UpgradeRoutes;
import dev.ums.server.internal.webapp.BrowserBridges;
import dev.ums.server.internal.webapp.BrowserTunnels;
import dev.ums.server.internal.webapp.IdleLogins;
import dev.ums.webapp.WebAppFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The UMS server: IMI REST API, the devices' UP endpoint and the tunnel relay, over TLS on one port. */
public final class UmsServer implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(UmsServer.class);

    private final Database database;
    private final Server jetty;
    private final SelfSignedIdentity identity;
    private final TunnelRelay relay;
    private final DeviceConnections connections;
    private final GatewayLinks gateways;
    private final ScheduledExecutorService housekeeping;
    private final ShadowBroker broker;
    private final BrowserBridges bridges;
    private final PasswordChecks passwordChecks;
    private final String generatedAdminPassword;
    private final String host;
    private final AutoCloseable membership;
    private final SessionRecordings recordings;

    private UmsServer(Database database, Server jetty, SelfSignedIdentity identity, TunnelRelay relay,
                      DeviceConnections connections, GatewayLinks gateways, ScheduledExecutorService housekeeping,
                      ShadowBroker broker, BrowserBridges bridges, PasswordChecks passwordChecks,
                      String generatedAdminPassword, String host, AutoCloseable membership,
                      SessionRecordings recordings) {
        this.recordings = recordings;
        this.membership = membership;
        this.broker = broker;
        this.bridges = bridges;
        this.database = database;
        this.jetty = jetty;
        this.identity = identity;
        this.relay = relay;
        this.connections = connections;
        this.gateways = gateways;
        this.housekeeping = housekeeping;
        this.passwordChecks = passwordChecks;
        this.generatedAdminPassword = generatedAdminPassword;
        this.host = host;
    }

    /** Opens the database (migrating it), loads or creates the TLS identity and starts listening. */
    public static UmsServer start(ServerConfig config) throws IOException {
        if (config.clustered() && (config.dbUrl() == null || !config.dbUrl().startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("a cluster node needs a PostgreSQL database (--db-url jdbc:postgresql://…)");
        }
        if (config.clustered() && config.advertiseUrl() == null) {
            throw new IllegalArgumentException("a cluster node needs --advertise-url, its own address that devices "
                    + "and consoles can reach");
        }
        OwnerOnlyDirectory.secure(config.dataDir());
        SelfSignedIdentity identity = config.clustered() ? null
                : SelfSignedIdentity.loadOrCreate(config.dataDir(), "UMS Server");
        Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dataDir());
        OwnerOnlyDirectory.restrictFiles(config.dataDir());
        try {
            if (identity == null) {
                identity = ClusterIdentity.loadOrCreate(new Jdbc(database.dataSource()),
                        config.clusterSecret().toCharArray(), config.clock());
            }
            return assemble(config, identity, database);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static UmsServer assemble(ServerConfig config, SelfSignedIdentity identity, Database database)
            throws IOException {
        Jdbc jdbc = new Jdbc(database.dataSource());
        AccountStore accounts = new AccountStore(jdbc, config.clock());
        DeviceStore devices = new DeviceStore(jdbc, config.clock());
        ClusterNode node = config.clustered() ? ClusterNode.join(jdbc, config.advertiseUrl()) : null;
        AuditLog audit = new AuditLog(jdbc, config.clock(), node == null ? null : node.id());
        if (node == null) {
            int interrupted = audit.closeInterrupted();
            if (interrupted > 0) {
                LOG.warn("{} shadow session(s) were open when the server last stopped; logged as INTERRUPTED",
                        interrupted);
            }
        }
        WebSessions sessions = node == null ? new MemoryWebSessions(config.clock())
                : new SharedWebSessions(jdbc, config.clock());
        TunnelTokens tokens = new TunnelTokens(config.clock());
        RelayAudit relayAudit = new RelayAudit(audit);
        Path recordingsDir = config.dataDir().resolve("recordings");
        OwnerOnlyDirectory.secure(recordingsDir);
        DirectoryStore directories = new DirectoryStore(jdbc);
        SessionRecordings recordings = new SessionRecordings(recordingsDir, config.recordSessions(), directories, audit,
                config.clock());
        RecordingRetention retention = new RecordingRetention(recordingsDir, config.recordingRetention(),
                config.clock());
        // the login forgets an ended session before its audit entry is closed: once the shadow log shows the end, the
        // login no longer lists the session
        TunnelRelay relay = new TunnelRelay(config.clock(), RelayObserver.onEnd(sessions::ended).andThen(relayAudit),
                config.tunnelIdleLimit(), recordings);
        ClusterShadows clusterShadows = node == null ? null : new ClusterShadows(node.presence(),
                new LocalTunnelHost(tokens, relay, config.advertiseUrl(), null));
        DeviceConnections connections = new DeviceConnections(node == null ? OtherNodes.NONE : clusterShadows);
        ShadowBroker broker = new ShadowBroker(devices, connections, relayAudit, audit, recordings);
        ClusterBus bus = null;
        if (node != null) {
            bus = new ClusterBus(config.dbUrl(), config.dbUser(), config.dbPassword(), jdbc, node.id(),
                    clusterShadows::receive);
            clusterShadows.attach(bus, connections, broker);
            try {
                bus.start();
            } catch (java.sql.SQLException e) {
                node.close();
                throw new IOException("cannot listen for the other nodes' messages: " + e.getMessage(), e);
            }
            node.start(() -> connections.all().forEach(link -> node.presence().claim(link.deviceId(), link.route())));
        }
        SessionPasswords passwords = node == null ? new MemorySessionPasswords(config.clock())
                : new SharedSessionPasswords(jdbc, config.clock());
        SecureVncSecrets secrets = new SecureVncSecrets(passwords, audit, devices);

        BrowserBridges bridges = new BrowserBridges(tokens, relay, relayAudit, secrets, config.advertiseUrl(),
                recordings);
        ConnectionGuard guard = new ConnectionGuard(config.unauthenticatedPerAddress());
        Router router = new Router(sessions, guard);
        ServerStatus status = new ServerStatus(VERSION, VERSION, null, null, null, "UMS Console server");
        LoginThrottle throttle = node == null ? new LoginThrottle(config.clock())
                : new LoginThrottle(config.clock(), new SharedThrottleStore(jdbc));
        PasswordChecks passwordChecks = new PasswordChecks(accounts::verify);
        Logins logins = new Logins(throttle, passwordChecks, sessions);
        AdminActions adminActions = new AdminActions(config.clock());
        new SessionRoutes(logins, sessions, status, adminActions).register(router);
        ShadowEnds shadowEnds = node == null ? relay::cancel : clusterShadows;
        new WebAppRoutes(logins, sessions, shadowEnds, adminActions).register(router);
        IdleLogins idleLogins = new IdleLogins(sessions, shadowEnds);
        OfflineReasons offlineReasons = new OfflineReasons();
        new DeviceRoutes(devices, connections, broker, audit, secrets, offlineReasons, sessions,
                bridges, recordings, shadowEnds, adminActions).register(router);
        new DirectoryRoutes(directories, devices, adminActions).register(router);
        new RecordingRoutes(new RecordingLookup(recordingsDir, audit), directories, config.recordSessions(),
                adminActions)
                .register(router);
        EnrollmentTokenStore enrollmentTokens = new EnrollmentTokenStore(jdbc, config.clock(), config.enrollmentToken());
        PendingEnrollments pending = new PendingEnrollments(jdbc, config.clock());
        Enroller enroller = new Enroller(jdbc, enrollmentTokens, devices, pending,
                new RepeatedEnrollments(jdbc, config.clock()));
        new EnrollmentRoutes(enrollmentTokens, enroller, adminActions).register(router);
        // the old credential's socket is closed wherever it is held: here, through a gateway, or on another node
        Reenrollments reenrollments = new Reenrollments(jdbc, devices, pending, deviceId -> connections.reach(deviceId)
                .ifPresent(link -> link.close("the device's credential was replaced by an approved re-enrollment")));
        new ReenrollmentRoutes(pending, reenrollments, devices, connections).register(router);
        UpDispatcher dispatcher = new UpDispatcher(devices, connections, broker, secrets);
        UpgradeRoutes upgrades = new UpgradeRoutes(devices, pending, dispatcher, tokens, relay, config.advertiseUrl(),
                guard, new BrowserTunnels(sessions));
        GatewayLinks gateways = new GatewayLinks(enroller, devices, dispatcher,
                new GatewayTunnelAudit(audit, config.clock()), offlineReasons);

        HandshakeTurns handshakeTurns = HandshakeTurns.forProcessors();
        Server jetty = TlsServerFactory.create(config.bind(), config.port(), config.proxyPort(), identity,
                new Handler.Sequence(new WebAppFiles(), router), upgrades::register,
                guard, handshakeTurns);
        jetty.setErrorHandler(new JsonErrors());
        bindEachPort(jetty, config.bind());
        try {
            jetty.start();
        } catch (Exception e) {
            stopListening(jetty, e);
            throw new IOException(BindFailures.describe(config.bind(), config.port(), e), e);
        }
        // only once the server listens: a first start that could not would have made, and lost, a generated password
        String generated;
        try {
            generated = createAdministrator(accounts, config.adminPassword());
        } catch (RuntimeException e) {
            stopListening(jetty, e);
            throw e;
        }
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ums-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                relay.sweep();
                tokens.expire();
                passwords.expire();
                idleLogins.expire();
                throttle.expire();
                recordings.expirePlans();
                handshakeTurns.queueReport().ifPresent(LOG::info);
            } catch (RuntimeException e) {
                LOG.warn("housekeeping failed", e);
            }
        }, 5, 5, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                retention.sweep();
            } catch (RuntimeException e) {
                LOG.warn("deleting old recordings failed", e);
            }
        }, 0, 1, TimeUnit.HOURS);
        gateways.start(config.gateways(), config.gatewaySecret(), node == null ? target -> GatewayLease.ALWAYS
                : target -> new DatabaseLease(config.dbUrl(), config.dbUser(), config.dbPassword(),
                        "gateway " + target.url()));
        String host = config.bind() == null || config.bind().equals("0.0.0.0") ? "localhost" : config.bind();
        AutoCloseable membership = node == null ? () -> { } : closingBoth(bus, node);
        return new UmsServer(database, jetty, identity, relay, connections, gateways, housekeeping, broker,
                bridges, passwordChecks, generated, host, membership, recordings);
    }

    /**
     * Binds the server's ports one by one before it starts, so that a port in use is named in the sentence: the main
     * port or the one for a load balancer ({@code --proxy-port}). Nothing stays bound when one fails.
     */
    private static void bindEachPort(Server jetty, String bind) throws IOException {
        for (Connector connector : jetty.getConnectors()) {
            ServerConnector port = (ServerConnector) connector;
            try {
                port.open();
            } catch (IOException e) {
                closePorts(jetty);
                throw new IOException(BindFailures.describe(bind, port.getPort(), e), e);
            }
        }
    }

    /** After a start that failed past binding: stops what started and frees the ports. */
    private static void stopListening(Server jetty, Exception failure) {
        try {
            jetty.stop();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
        closePorts(jetty);
    }

    private static void closePorts(Server jetty) {
        for (Connector connector : jetty.getConnectors()) {
            ((ServerConnector) connector).close();
        }
    }

    /** The fewest characters the administrator's password is created with (only at the first start). */
    static final int MIN_ADMIN_PASSWORD = 8;

    /**
     * Creates the administrator's account when there is none yet, with {@code password} or, when none is given, a
     * generated one, which is returned to be shown once; null when the account existed or was given its password. A
     * given password shorter than {@link #MIN_ADMIN_PASSWORD} is refused with a sentence and creates no account.
     */
    private static String createAdministrator(AccountStore accounts, String password) {
        if (accounts.exists(AccountStore.ADMIN)) {
            return null;
        }
        boolean generate = password == null || password.isEmpty();
        if (!generate && password.length() < MIN_ADMIN_PASSWORD) {
            throw new IllegalArgumentException("the administrator's password in UMS_ADMIN_PASSWORD is too short to "
                    + "resist guessing: use at least " + MIN_ADMIN_PASSWORD + " characters, or leave it unset and the "
                    + "server makes one and prints it");
        }
        String chosen = generate ? RandomTokens.newToken().substring(0, 20) : password;
        accounts.create(AccountStore.ADMIN, chosen.toCharArray());
        return generate ? chosen : null;
    }

    /** Leaving the cluster: stop listening, then give up the node's devices and its row. */
    private static AutoCloseable closingBoth(ClusterBus bus, ClusterNode node) {
        return () -> {
            bus.close();
            node.close();
        };
    }

    public int port() {
        return TlsServerFactory.localPort(jetty);
    }

    /** The load balancer's port (PROXY protocol), or -1 when the server has none. */
    public int proxyPort() {
        return TlsServerFactory.proxyPort(jetty);
    }

    public String fingerprint() {
        return identity.fingerprint();
    }

    public String baseUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "https://" + h + ":" + port();
    }

    /** The admin password made up at first start when none was given, else null. Shown once, never stored. */
    public String generatedAdminPassword() {
        return generatedAdminPassword;
    }

    /** The web app's address: {@code https://HOST:PORT/webapp/}. */
    public String webAppUrl() {
        return baseUrl() + WebAppFiles.PREFIX;
    }

    public TunnelRelay relay() {
        return relay;
    }

    public int onlineDevices() {
        return connections.count();
    }

    /** Whether every configured gateway link is up (true when there are none). */
    public boolean gatewaysLinked() {
        return gateways.clients().stream().allMatch(GatewayClient::isUp);
    }

    public void awaitStop() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        gateways.close();
        broker.closeAll();
        bridges.close();
        relay.closeAll("the server is shutting down");
        recordings.close();
        connections.closeAll("the server is shutting down");
        try {
            membership.close();
        } catch (Exception e) {
            LOG.warn("leaving the cluster failed", e);
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the web server failed", e);
        }
        passwordChecks.close();
        database.close();
    }

}
