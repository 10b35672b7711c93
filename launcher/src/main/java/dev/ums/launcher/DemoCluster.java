package dev.ums.launcher;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.DeviceAgent;
import dev.ums.demo.DemoDesktop;
import dev.ums.demo.DemoVncServer;
import dev.ums.icg.IcgConfig;
import dev.ums.icg.IcgServer;
import dev.ums.protocol.tunnel.RandomTokens;
import dev.ums.server.GatewayTarget;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code ums demo} runs in one process: a gateway, a server with H2 in a temporary directory, one demo
 * desktop and VNC server per online device (or a real VNC server for all of them) and the devices' agents, filed
 * into directories. {@link #close()} stops it all in reverse order and deletes the temporary directory.
 */
final class DemoCluster implements AutoCloseable {
    static final String USER = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(DemoCluster.class);
    private static final Duration READY = Duration.ofSeconds(60);
    /** Where every listener of the demo's devices binds: the consoles reach them on this machine only. */
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Path dataDir;
    private final String password = RandomTokens.newToken().substring(0, 16);
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<String> online = new ArrayList<>();
    private IcgServer gateway;
    private UmsServer server;

    private DemoCluster(Path dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * Starts the whole demo and returns once the server sees every online device online and the offline one
     * offline.
     *
     * @param bind where the server listens ({@code 127.0.0.1} keeps it on this machine)
     * @param port the server's port, 0 for any free one
     * @param vnc  a real VNC server to show on every device instead of the demo desktops, or null
     */
    static DemoCluster start(String bind, int port, InetSocketAddress vnc) throws Exception {
        DemoCluster cluster = new DemoCluster(Files.createTempDirectory("ums-demo-"));
        try {
            cluster.startAll(bind, port, vnc);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(String bind, int port, InetSocketAddress vnc) throws Exception {
        String gatewaySecret = RandomTokens.newToken();
        String enrollment = RandomTokens.newToken();
        // Painting the desktops (the first Java2D use loads fonts) overlaps with starting the gateway and server.
        CompletableFuture<Map<String, InetSocketAddress>> screens = CompletableFuture.supplyAsync(() -> screens(vnc));
        gateway = IcgServer.start(IcgConfig.forTests(dataDir.resolve("icg"), gatewaySecret));
        Path serverDir = dataDir.resolve("server");
        // H2 closes its databases in its own shutdown hook unless told not to; the demo's hook closes the server
        // (and with it the database) itself, after the devices and the gateway, so nothing writes to a closed one.
        String h2 = "jdbc:h2:file:" + serverDir.resolve("ums").toAbsolutePath() + ";DB_CLOSE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        ServerConfig config = ServerConfig.builder(serverDir).port(port).bind(bind).database(h2, null, null)
                .adminPassword(password).enrollmentToken(enrollment)
                .gateways(List.of(new GatewayTarget(gateway.baseUrl(), gateway.fingerprint())), gatewaySecret).build();
        server = UmsServer.start(config);
        awaitGatewayLink(gateway);

        Map<String, InetSocketAddress> screenOf = joinScreens(screens);
        List<CompletableFuture<DeviceAgent>> agents = new ArrayList<>();
        for (DemoDevice device : DemoDevice.lineup()) {
            InetSocketAddress screen = screenOf.get(device.name());
            String url = device.viaGateway() ? gateway.baseUrl() : server.baseUrl();
            String pin = device.viaGateway() ? gateway.fingerprint() : server.fingerprint();
            AgentConfig.Builder agent = AgentConfig.builder(url, pin, device.name(), dataDir.resolve("agent-" + device.name()))
                    .vnc(screen).promptUser(false).enrollmentToken(enrollment);
            AgentConfig withOs = "11".equals(device.os())
                    ? agent.os(AgentConfig.OS_11, securePort(device), LOOPBACK).build() : agent.build();
            agents.add(CompletableFuture.supplyAsync(() -> startAgent(withOs, device.online())));
        }
        List<DeviceAgent> started = joinAll(agents);
        Map<String, List<String>> byDirectory = new LinkedHashMap<>();
        List<DemoDevice> lineup = DemoDevice.lineup();
        for (int i = 0; i < lineup.size(); i++) {
            DeviceAgent agent = started.get(i);
            DemoDevice device = lineup.get(i);
            byDirectory.computeIfAbsent(device.directory(), d -> new ArrayList<>()).add(agent.deviceId());
            if (device.online()) {
                keep(agent);
                online.add(device.name());
            } else {
                agent.close();
            }
        }
        DemoDirectories admin = DemoDirectories.login(server.baseUrl(), server.fingerprint(), USER, password);
        // the headquarters' devices (OS 12, reached directly) have their sessions recorded, so Shadow log → Play has
        // something to play; OS 11 sessions from the console cannot be recorded (docs/RECORDING.md)
        admin.arrange(byDirectory, Set.of(DemoDevice.HEADQUARTERS));
        awaitServerView(admin);
    }

    private synchronized <T extends AutoCloseable> T keep(T part) {
        running.push(part);
        return part;
    }

    /** Each device's VNC server: the real one given, its own demo desktop, or nothing for the offline device. */
    private Map<String, InetSocketAddress> screens(InetSocketAddress vnc) {
        Map<String, InetSocketAddress> screens = new LinkedHashMap<>();
        try {
            for (DemoDevice device : DemoDevice.lineup()) {
                screens.put(device.name(), vnc != null ? vnc : device.online() ? demoScreen(device) : closedPort());
            }
        } catch (IOException e) {
            throw new CompletionException(e);
        }
        return screens;
    }

    private static Map<String, InetSocketAddress> joinScreens(CompletableFuture<Map<String, InetSocketAddress>> screens)
            throws Exception {
        try {
            return screens.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void awaitGatewayLink(IcgServer gateway) throws InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (!gateway.serverConnected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo server did not link to the demo gateway in " + READY);
            }
            Thread.sleep(20);
        }
    }

    private InetSocketAddress demoScreen(DemoDevice device) throws IOException {
        DemoDesktop desktop = keep(DemoDesktop.start(device.name(), device.describe(), Clock.systemDefaultZone()));
        DemoVncServer vncServer = keep(DemoVncServer.start(desktop));
        return InetSocketAddress.createUnresolved("127.0.0.1", vncServer.port());
    }

    /** The offline device never shows a screen; a port nobody listens on says so honestly. */
    private static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return InetSocketAddress.createUnresolved("127.0.0.1", probe.getLocalPort());
        }
    }

    /**
     * The GUI console connects to the secure port an OS 11 device reports, but {@code ums proxy} assumes the
     * vendor's 5900 unless told otherwise, so a direct OS 11 device takes 5900 when it is free. Through the gateway
     * the port never leaves the device, and any free port does.
     */
    private static int securePort(DemoDevice device) {
        if (device.viaGateway()) {
            return 0;
        }
        try (ServerSocket probe = new ServerSocket(AgentConfig.DEFAULT_SECURE_PORT, 1, LOOPBACK)) {
            return AgentConfig.DEFAULT_SECURE_PORT;
        } catch (IOException e) {
            LOG.info("port {} is taken: {} serves secure VNC on another port (ums proxy needs --secure-port)",
                    AgentConfig.DEFAULT_SECURE_PORT, device.name());
            return 0;
        }
    }

    private static DeviceAgent startAgent(AgentConfig config, boolean stayOnline) {
        try {
            DeviceAgent agent = DeviceAgent.start(config);
            CountDownLatch up = new CountDownLatch(1);
            agent.addOnlineListener(isOnline -> {
                if (isOnline) {
                    up.countDown();
                }
            });
            if (!up.await(READY.toSeconds(), TimeUnit.SECONDS)) {
                agent.close();
                throw new IllegalStateException("the demo device " + config.name() + " did not come online in " + READY);
            }
            return agent;
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** Waits for every agent; if one failed, stops the others and throws the first failure. */
    private static List<DeviceAgent> joinAll(List<CompletableFuture<DeviceAgent>> futures) throws Exception {
        List<DeviceAgent> agents = new ArrayList<>();
        Exception failure = null;
        for (CompletableFuture<DeviceAgent> future : futures) {
            try {
                agents.add(future.join());
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        if (failure != null) {
            agents.forEach(DeviceAgent::close);
            throw failure;
        }
        return agents;
    }

    /** Waits until the server reports exactly the online devices online, as a console will see them. */
    private void awaitServerView(DemoDirectories admin) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            List<String> seen = admin.onlineDevices();
            if (seen.size() == online.size() && seen.containsAll(online)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo server shows " + seen + " online instead of " + online);
            }
            Thread.sleep(50);
        }
    }

    /** The server itself, for tests that watch its relay. */
    UmsServer server() {
        return server;
    }

    String webAppUrl() {
        return server.webAppUrl();
    }

    String serverUrl() {
        return server.baseUrl();
    }

    String fingerprint() {
        return server.fingerprint();
    }

    /** The admin's password, made up for this run only. */
    String password() {
        return password;
    }

    /** The names of the devices that are online, in the lineup's order. */
    List<String> onlineDevices() {
        return List.copyOf(online);
    }

    private static void closeQuietly(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.getMessage());
        }
    }

    private static void quiet(String loggerName) {
        if (LoggerFactory.getLogger(loggerName) instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    Path dataDir() {
        return dataDir;
    }

    /** Stops the devices and desktops, the gateway, the server, then deletes the temporary directory. Idempotent. */
    @Override
    public synchronized void close() {
        // The parts go down on purpose: their "link lost" warnings would only alarm the user at Ctrl+C.
        quiet("dev.ums.server.internal.gateway");
        quiet("dev.ums.icg");
        while (!running.isEmpty()) {
            closeQuietly(running.pop());
        }
        // The gateway before the server: it then reports nothing more to a server that is closing its database.
        closeQuietly(gateway);
        closeQuietly(server);
        TempTree.delete(dataDir);
    }
}
