package dev.ums.testkit.haproxy;

import dev.ums.testkit.net.FreePort;
import dev.ums.testkit.process.GracefulStop;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy (the Debian package's {@code /usr/sbin/haproxy}) in front of UMS server nodes, as
 * docs/SCALE-OUT.md sets it up: TCP mode, TLS passed through, each node checked by a TLS request to
 * {@code /umsapi/v3/serverstatus} every second (two failures take it out, one success puts it back). Listens on
 * a free loopback port; {@link #close()} ends it. Called by one test thread.
 */
public final class HaproxyServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/haproxy");
    private final Process process;
    private final int port;
    private final int browserPort;
    private final Path dir;

    private HaproxyServer(Process process, int port, int browserPort, Path dir) {
        this.process = process;
        this.port = port;
        this.browserPort = browserPort;
        this.dir = dir;
    }

    /** Starts HAProxy balancing over the nodes listening on {@code nodePorts} of 127.0.0.1. */
    public static HaproxyServer start(List<Integer> nodePorts) throws IOException, InterruptedException {
        return start(nodePorts, 4096);
    }

    /**
     * As {@link #start(List)}, with room for {@code maxConnections} connections (each one a client side and a
     * node side); the caller's process must allow twice as many open files.
     */
    public static HaproxyServer start(List<Integer> nodePorts, int maxConnections)
            throws IOException, InterruptedException {
        return start(nodePorts, maxConnections, List.of());
    }

    /**
     * HAProxy as docs/SCALE-OUT.md recommends it: to each node's load balancer port ({@code ums server --proxy-port}),
     * every connection (health checks included) beginning with a PROXY protocol v2 header naming the client; besides
     * the frontend for devices and consoles, one for browsers ({@link #browserPort()}) that keeps each client address
     * on one node.
     */
    public static HaproxyServer startSendingProxy(List<Integer> proxyPorts) throws IOException, InterruptedException {
        return start(proxyPorts, 4096, List.of(), true, FreePort.pick());
    }

    /** As {@link #start(List, int)}, with these further lines in the backend (e.g. {@code option redispatch}). */
    public static HaproxyServer start(List<Integer> nodePorts, int maxConnections, List<String> backendLines)
            throws IOException, InterruptedException {
        return start(nodePorts, maxConnections, backendLines, false);
    }

    /** As {@link #start(List, int, List)}; {@code sendProxy}: PROXY v2 to the nodes' load balancer ports. */
    public static HaproxyServer start(List<Integer> nodePorts, int maxConnections, List<String> backendLines,
                                      boolean sendProxy) throws IOException, InterruptedException {
        return start(nodePorts, maxConnections, backendLines, sendProxy, 0);
    }

    private static HaproxyServer start(List<Integer> nodePorts, int maxConnections, List<String> backendLines,
                                       boolean sendProxy, int browserPort) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("HAProxy is not installed at " + BINARY + " (Debian package haproxy)");
        }
        int port = FreePort.pick();
        Path dir = Files.createTempDirectory("ums-haproxy");
        StringBuilder cfg = new StringBuilder(config(port, nodePorts, maxConnections, sendProxy));
        backendLines.forEach(line -> cfg.append("    ").append(line).append('\n'));
        if (browserPort != 0) {
            cfg.append(browsers(browserPort, nodePorts, sendProxy));
        }
        Files.writeString(dir.resolve("haproxy.cfg"), cfg);
        Process process = new ProcessBuilder(BINARY.toString(), "-db", "-f", dir.resolve("haproxy.cfg").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        HaproxyServer server = new HaproxyServer(process, port, browserPort, dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!server.accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.readString(dir.resolve("haproxy.log"));
                server.close();
                throw new IOException("HAProxy did not start: " + log);
            }
            Thread.sleep(50);
        }
        return server;
    }

    /** The configuration docs/SCALE-OUT.md shows, for these ports. */
    public static String config(int port, List<Integer> nodePorts) {
        return config(port, nodePorts, 4096);
    }

    /** As {@link #config(int, List)}, with this {@code maxconn}. */
    public static String config(int port, List<Integer> nodePorts, int maxConnections) {
        return config(port, nodePorts, maxConnections, false);
    }

    /** As {@link #config(int, List, int)}; {@code sendProxy}: PROXY v2 to the nodes' load balancer ports. */
    public static String config(int port, List<Integer> nodePorts, int maxConnections, boolean sendProxy) {
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn %d

                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 1h
                    timeout server 1h
                    timeout check 5s

                frontend ums
                    bind 127.0.0.1:%d
                    default_backend ums_nodes
                """.formatted(maxConnections, port));
        backend(cfg, "ums_nodes", List.of("balance leastconn"), nodePorts, sendProxy);
        return cfg.toString();
    }

    /**
     * The browsers' frontend and backend of docs/SCALE-OUT.md: a browser's page, API calls and tunnels reach one
     * node, chosen by the client's address.
     */
    private static String browsers(int browserPort, List<Integer> nodePorts, boolean sendProxy) {
        StringBuilder cfg = new StringBuilder("""

                frontend ums_browsers
                    bind 127.0.0.1:%d
                    default_backend ums_browser_nodes
                """.formatted(browserPort));
        backend(cfg, "ums_browser_nodes", List.of("balance source", "hash-type consistent"), nodePorts, sendProxy);
        return cfg.toString();
    }

    /** A backend over the nodes, balanced by {@code balancing}, each node checked by a request to serverstatus. */
    private static void backend(StringBuilder cfg, String name, List<String> balancing, List<Integer> nodePorts,
                                boolean sendProxy) {
        cfg.append("\nbackend ").append(name).append('\n');
        balancing.forEach(line -> cfg.append("    ").append(line).append('\n'));
        cfg.append("""
                    option redispatch
                    retries 2
                    option httpchk
                    http-check send meth GET uri /umsapi/v3/serverstatus ver HTTP/1.1 hdr Host ums
                    http-check expect status 200
                """);
        for (int i = 0; i < nodePorts.size(); i++) {
            cfg.append("    server node").append(i + 1).append(" 127.0.0.1:").append(nodePorts.get(i))
                    .append(sendProxy ? " send-proxy-v2 check-send-proxy" : "")
                    .append(" check check-ssl verify none inter 1s fall 2 rise 1\n");
        }
    }

    public int port() {
        return port;
    }

    /** The address devices and consoles use: {@code https://127.0.0.1:PORT}. */
    public String url() {
        return "https://127.0.0.1:" + port;
    }

    /** The browsers' frontend (started by {@link #startSendingProxy}), 0 without one. */
    public int browserPort() {
        return browserPort;
    }

    /** What HAProxy has written so far: its warnings, such as a node its health check took for dead. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("haproxy.log"));
    }

    private boolean accepts() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }


    @Override
    public void close() {
        GracefulStop.stop(process);
        try {
            Files.deleteIfExists(dir.resolve("haproxy.cfg"));
            Files.deleteIfExists(dir.resolve("haproxy.log"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory; the system cleans it up
        }
    }
}
