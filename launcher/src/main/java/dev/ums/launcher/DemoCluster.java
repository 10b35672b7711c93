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
import java.nio.channels.FileChannel;
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
 * into directories. {@link #close()} stops it all in reverse order and deletes the temporary directory, also while
 * {@link #launch} is still under way: the start then ends at its next step, and what it started is stopped too.
 *
 * <p>Threads: {@link #launch} runs on one thread (the demo's main thread) and starts the agents and desktops on the
 * common pool; {@link #close()} may come from any other thread, such as the shutdown hook of Ctrl+C.
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
    /** Guarded by this: where the cluster is in its life, so that a close waits for a start under way. */
    private Phase phase = Phase.NEW;
    /** Set by {@link #close()}; the start checks it between its steps and while it waits. */
    private volatile boolean stopping;
    private volatile IcgServer gateway;
    private volatile UmsServer server;

    private enum Phase { NEW, STARTING, STARTED, CLOSED }

    /** The lock that tells other demos this directory is in use ({@link DemoLeftovers}). */
    private final FileChannel marker;

    private DemoCluster(Path dataDir, FileChannel marker) {
        this.dataDir = dataDir;
        this.marker = marker;
    }

    /**
     * A cluster that has made its temporary directory ({@code rwx------}), marked it as this process's and removed
     * what ended demos left beside it ({@link DemoLeftovers}), and started nothing yet: register what closes it (a
     * shutdown hook) before {@link #launch}, so that a stop during the start leaves nothing behind.
     */
    static DemoCluster create() throws IOException {
        Path dataDir = Files.createTempDirectory(DemoLeftovers.PREFIX);
        FileChannel marker;
        try {
            marker = DemoLeftovers.mark(dataDir);
        } catch (IOException | RuntimeException e) {
            TempTree.delete(dataDir);
            throw e;
        }
        DemoLeftovers.sweepBeside(dataDir);
        return new DemoCluster(dataDir, marker);
    }

    /**
     * {@link #create()} and {@link #launch}; on failure everything started is stopped and the directory deleted.
     *
     * @param bind where the server listens ({@code 127.0.0.1} keeps it on this machine)
     * @param port the server's port, 0 for any free one
     * @param vnc  a real VNC server to show on every device instead of the demo desktops, or null
     */
    static DemoCluster start(String bind, int port, InetSocketAddress vnc) throws Exception {
        DemoCluster cluster = create();
        try {
            cluster.launch(bind, port, vnc);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Starts the whole demo and returns once the server sees every online device online and the offline one
     * offline. Throws {@link StoppedException} when {@link #close()} came first or meanwhile; after any failure the
     * parts already started run until {@link #close()}.
     */
    void launch(String bind, int port, InetSocketAddress vnc) throws Exception {
        synchronized (this) {
            if (phase != Phase.NEW) {
                throw new StoppedException();
            }
            phase = Phase.STARTING;
        }
        try {
            startAll(bind, port, vnc);
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoppedException stopped ? stopped : e;
        } finally {
            synchronized (this) {
                if (phase == Phase.STARTING) {
                    // a close that gave up waiting has already made it CLOSED, which it stays
                    phase = Phase.STARTED;
                }
                notifyAll();
            }
        }
    }

    /** Ends a start at its next step once {@link #close()} was called. */
    private void checkNotStopping() throws StoppedException {
        if (stopping) {
            throw new StoppedException();
        }
    }

    /** The demo was stopped (Ctrl+C, SIGTERM) before its start was done. */
    static final class StoppedException extends Exception {
        StoppedException() {
            super("the demo was stopped while it started");
        }
    }

    private void startAll(String bind, int port, InetSocketAddress vnc) throws Exception {
        String gatewaySecret = RandomTokens.newToken();
        String enrollment = RandomTokens.newToken();
        // Painting the desktops (the first Java2D use loads fonts) overlaps with starting the gateway and server.
        CompletableFuture<Map<String, InetSocketAddress>> screens = CompletableFuture.supplyAsync(() -> screens(vnc));
        checkNotStopping();
        gateway = IcgServer.start(IcgConfig.forTests(dataDir.resolve("icg"), gatewaySecret));
        checkNotStopping();
        Path serverDir = dataDir.resolve("server");
        // H2 closes its databases in its own shutdown hook unless told not to; the demo's hook closes the server
        // (and with it the database) itself, after the devices and the gateway, so nothing writes to a closed one.
        String h2 = "jdbc:h2:file:" + serverDir.resolve("ums").toAbsolutePath() + ";DB_CLOSE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        ServerConfig config = ServerConfig.builder(serverDir).port(port).bind(bind).database(h2, null, null)
                .adminPassword(password).enrollmentToken(enrollment)
                .gateways(List.of(new GatewayTarget(gateway.baseUrl(), gateway.fingerprint())), gatewaySecret).build();
        server = UmsServer.start(config);
        checkNotStopping();
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
            agents.add(CompletableFuture.supplyAsync(() -> startAgent(withOs)));
        }
        List<DeviceAgent> started = joinAll(agents);
        checkNotStopping();
        Map<String, List<String>> byDirectory = new LinkedHashMap<>();
        List<DemoDevice> lineup = DemoDevice.lineup();
        for (int i = 0; i < lineup.size(); i++) {
            DeviceAgent agent = started.get(i);
            DemoDevice device = lineup.get(i);
            byDirectory.computeIfAbsent(device.directory(), d -> new ArrayList<>()).add(agent.deviceId());
            if (device.online()) {
                online.add(device.name());
            } else {
                forget(agent);
                agent.close();
            }
        }
        checkNotStopping();
        DemoDirectories admin = DemoDirectories.login(server.baseUrl(), server.fingerprint(), USER, password);
        // the headquarters' devices (OS 12, reached directly) have their sessions recorded, so Shadow log → Play has
        // something to play; OS 11 sessions from the console cannot be recorded (docs/RECORDING.md)
        admin.arrange(byDirectory, Set.of(DemoDevice.HEADQUARTERS));
        checkNotStopping();
        awaitServerView(admin);
    }

    /** Leaves {@code part} to its caller to stop: {@link #close()} no longer does. */
    private synchronized void forget(AutoCloseable part) {
        running.remove(part);
    }

    /** Keeps {@code part} for {@link #close()}; once the cluster is stopping it is stopped at once instead. */
    private synchronized <T extends AutoCloseable> T keep(T part) {
        if (stopping) {
            closeQuietly(part);
            throw new CompletionException(new StoppedException());
        }
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

    private void awaitGatewayLink(IcgServer gateway) throws InterruptedException, StoppedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (!gateway.serverConnected()) {
            checkNotStopping();
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

    /**
     * Starts one agent and waits until it is online. The agent is kept for {@link #close()} from its start, so it is
     * stopped with the rest however the start ends (it failed, timed out, or the demo is stopping).
     */
    private DeviceAgent startAgent(AgentConfig config) {
        try {
            if (stopping) {
                throw new StoppedException();
            }
            DeviceAgent agent = keep(DeviceAgent.start(config));
            CountDownLatch up = new CountDownLatch(1);
            agent.addOnlineListener(isOnline -> {
                if (isOnline) {
                    up.countDown();
                }
            });
            long deadline = System.nanoTime() + READY.toNanos();
            while (!up.await(50, TimeUnit.MILLISECONDS)) {
                if (stopping) {
                    throw new StoppedException();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the demo device " + config.name() + " did not come online in "
                            + READY);
                }
            }
            return agent;
        } catch (StoppedException e) {
            throw new CompletionException(e);
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** Waits for every agent; if one failed, throws the first failure (the others stop with the rest at close). */
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
            throw failure;
        }
        return agents;
    }

    /** Waits until the server reports exactly the online devices online, as a console will see them. */
    private void awaitServerView(DemoDirectories admin) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            checkNotStopping();
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

    /**
     * Stops the devices and desktops, the gateway, the server, then deletes the temporary directory. A start under
     * way is told to end first and waited for (at most {@link #READY}), so that nothing it starts later writes into
     * the deleted directory. Idempotent; any thread.
     */
    @Override
    public synchronized void close() {
        stopping = true;
        long deadline = System.nanoTime() + READY.toNanos();
        try {
            while (phase == Phase.STARTING && System.nanoTime() < deadline) {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        // The parts go down on purpose: their "link lost" warnings would only alarm the user at Ctrl+C.
        quiet("dev.ums.server.internal.gateway");
        quiet("dev.ums.icg");
        while (!running.isEmpty()) {
            closeQuietly(running.pop());
        }
        // The gateway before the server: it then reports nothing more to a server that is closing its database.
        closeQuietly(gateway);
        closeQuietly(server);
        closeQuietly(marker);
        TempTree.delete(dataDir);
    }
}
