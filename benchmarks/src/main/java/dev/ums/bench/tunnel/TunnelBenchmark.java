package dev.ums.bench.tunnel;

import dev.ums.agent.AgentConfig;
import dev.ums.bench.tunnel.clients.TunnelClient;
import dev.ums.agent.DeviceAgent;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.core.ShadowConnector;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.Fingerprints;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.icg.IcgConfig;
import dev.ums.icg.IcgServer;
import dev.ums.server.GatewayTarget;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput and small-message round trips through console ⇄ server ⇄ device (TLS WebSockets on both hops),
 * side by side with direct TCP on loopback and with websockify (TLS) relaying the same traffic, and the
 * console's side of the tunnel opened with our {@code WebSocketEndpoint}, the Tyrus standalone client and
 * OkHttp. Then, per client, a console in a JVM of its own with a small heap stops reading while the device
 * streams ({@link StalledReaderProbe}): its heap after collection and what the device got to send show whether
 * the client bounds its memory. Run with {@code benchmarks/run-tunnel.sh}; prints Markdown tables.
 */
public final class TunnelBenchmark {
    private static final int MIB = Integer.getInteger("bench.mib", 512);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int ROUND_TRIPS = Integer.getInteger("bench.roundTrips", 5000);
    private static final int STALL_SECONDS = Integer.getInteger("bench.stallSeconds", 20);
    /** {@code false} runs only the stalled-reader probes. */
    private static final boolean THROUGHPUT = !"false".equals(System.getProperty("bench.throughput"));
    private static final String ADMIN_PASSWORD = "admin-secret";

    /** Opens a fresh connection over one path to the traffic target. */
    private interface PathOpener {
        Endpoint open() throws Exception;
    }

    private record Result(String name, List<Double> mibPerSecond, long p50, long p99) {
    }

    /**
     * One stalled-reader probe: heap after collection per second, MiB the device had streamed when the stall
     * began and when it ended, the rate when reading again.
     */
    private record Stall(String client, List<Double> heapMiB, double sentAtStartMiB, double sentMiB, String after) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("ums-bench");
        try (TrafficTarget target = new TrafficTarget()) {
            List<Result> results = new ArrayList<>();
            List<Stall> stalls = new ArrayList<>();
            if (THROUGHPUT) {
                results.addAll(peers(work, target));
            }
            try (UmsServer server = UmsServer.start(ServerConfig.forTests(work.resolve("server")));
                 DeviceAgent agent = startAgent(server.baseUrl(), server.fingerprint(), work.resolve("agent"), target)) {
                if (THROUGHPUT) {
                    results.addAll(consoleClients(server, agent));
                }
                if (STALL_SECONDS > 0) {
                    for (String name : TunnelClient.NAMES) {
                        stalls.add(stall(name, server, agent, target));
                    }
                }
            }
            if (THROUGHPUT) {
                results.add(viaGateway(work, target));
                print(results);
            }
            printStalls(stalls);
        } finally {
            deleteTree(work);
        }
    }

    /** Direct TCP and websockify: the paths without our relays. */
    private static List<Result> peers(Path work, TrafficTarget target) throws Exception {
        List<Result> results = new ArrayList<>();
        results.add(measure("direct TCP (loopback)", () -> Endpoint.of(new Socket(InetAddress.getLoopbackAddress(), target.port()))));
        try (Websockify websockify = Websockify.start(work, target.port())) {
            HttpClient client = HttpClient.newBuilder().sslContext(
                    PinnedTrust.fingerprint(websockify.fingerprint()).sslContext()).build();
            results.add(measure("websockify (TLS WebSocket → TCP, 1 relay)", () -> WebSocketEndpoint.connect(client,
                    URI.create("wss://127.0.0.1:" + websockify.port() + "/"), "unused", Duration.ofSeconds(10))));
        }
        return results;
    }

    /** The tunnel through the server with the console's side on each client, measured in turns. */
    private static List<Result> consoleClients(UmsServer server, DeviceAgent agent) throws Exception {
        List<TunnelClient> libraries = new ArrayList<>();
        try {
            Map<String, PathOpener> clients = new LinkedHashMap<>();
            clients.put("UMS tunnel (console ⇄ server ⇄ agent ⇄ TCP, TLS WS both hops)", shadowing(server, agent));
            for (String library : List.of("tyrus", "okhttp", "okhttp-no-deflate")) {
                TunnelClient client = TunnelClient.named(library, PinnedTrust.fingerprint(server.fingerprint()));
                libraries.add(client);
                clients.put("UMS tunnel, console side on " + client.label(), shadowingWith(server, agent, client));
            }
            return measureInTurn(clients);
        } finally {
            libraries.forEach(TunnelClient::close);
        }
    }

    private static Result viaGateway(Path work, TrafficTarget target) throws Exception {
        try (IcgServer gateway = IcgServer.start(IcgConfig.forTests(work.resolve("icg"), "bench-gateway-secret"));
             UmsServer server = UmsServer.start(ServerConfig.forTests(work.resolve("server2")).withGateways(
                     List.of(new GatewayTarget(gateway.baseUrl(), gateway.fingerprint())), "bench-gateway-secret"));
             DeviceAgent agent = startAgentWhenLinked(gateway, work.resolve("agent2"), target)) {
            return measure("UMS tunnel via gateway (console ⇄ ICG ⇄ agent ⇄ TCP)", shadowing(server, agent));
        }
    }

    private static Result measure(String name, PathOpener path) throws Exception {
        List<Double> rates = new ArrayList<>();
        // One run not counted, so that every path is measured with its code compiled, not only the later ones.
        try (Endpoint e = path.open()) {
            PathProbe.throughput(e, Math.max(64, MIB / 4));
        }
        for (int i = 0; i < RUNS; i++) {
            try (Endpoint e = path.open()) {
                rates.add(PathProbe.throughput(e, MIB));
            }
        }
        long[] rtt;
        try (Endpoint e = path.open()) {
            rtt = PathProbe.roundTrips(e, ROUND_TRIPS);
        }
        System.err.printf(Locale.ROOT, "%s: %s MiB/s, p50 %d µs, p99 %d µs%n", name, rates,
                PathProbe.percentile(rtt, 0.5), PathProbe.percentile(rtt, 0.99));
        return new Result(name, rates, PathProbe.percentile(rtt, 0.5), PathProbe.percentile(rtt, 0.99));
    }

    /**
     * Measures paths that differ only in the console's client in turns (a run of each, then the next round), so
     * that a change in the machine's load falls on all of them alike.
     */
    private static List<Result> measureInTurn(Map<String, PathOpener> paths) throws Exception {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (Map.Entry<String, PathOpener> path : paths.entrySet()) {
            try (Endpoint e = path.getValue().open()) {
                PathProbe.throughput(e, Math.max(64, MIB / 4));
            }
            rates.put(path.getKey(), new ArrayList<>());
        }
        for (int i = 0; i < RUNS; i++) {
            for (Map.Entry<String, PathOpener> path : paths.entrySet()) {
                try (Endpoint e = path.getValue().open()) {
                    rates.get(path.getKey()).add(PathProbe.throughput(e, MIB));
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, PathOpener> path : paths.entrySet()) {
            long[] rtt;
            try (Endpoint e = path.getValue().open()) {
                rtt = PathProbe.roundTrips(e, ROUND_TRIPS);
            }
            List<Double> r = rates.get(path.getKey());
            System.err.printf(Locale.ROOT, "%s: %s MiB/s, p50 %d µs, p99 %d µs%n", path.getKey(), r,
                    PathProbe.percentile(rtt, 0.5), PathProbe.percentile(rtt, 0.99));
            results.add(new Result(path.getKey(), r, PathProbe.percentile(rtt, 0.5), PathProbe.percentile(rtt, 0.99)));
        }
        return results;
    }

    private static DeviceAgent startAgent(String url, String fingerprint, Path data, TrafficTarget target)
            throws Exception {
        DeviceAgent agent = DeviceAgent.start(AgentConfig.builder(url, fingerprint, "bench", data)
                .vnc(InetSocketAddress.createUnresolved("127.0.0.1", target.port())).promptUser(false)
                .enrollmentToken("enroll-secret").build());
        waitOnline(agent);
        return agent;
    }

    private static DeviceAgent startAgentWhenLinked(IcgServer gateway, Path data, TrafficTarget target) throws Exception {
        for (int i = 0; i < 200 && !gateway.serverConnected(); i++) {
            Thread.sleep(50);
        }
        return startAgent(gateway.baseUrl(), gateway.fingerprint(), data, target);
    }

    /** Each measurement opens a fresh shadow session through the console's own connector. */
    private static PathOpener shadowing(UmsServer server, DeviceAgent agent) throws Exception {
        ImiClient imi = ImiClient.create(ServerAddress.parse(server.baseUrl()), server.fingerprint());
        imi.login("admin", ADMIN_PASSWORD.toCharArray());
        ShadowConnector connector = new ShadowConnector(imi);
        for (int i = 0; i < 100 && !Boolean.TRUE.equals(imi.thinClient(agent.deviceId()).online()); i++) {
            Thread.sleep(50);
        }
        return () -> connector.open(imi.thinClient(agent.deviceId()), false, (step, detail) -> { });
    }

    /** Each measurement asks the server for a session and opens its tunnel with {@code client}. */
    private static PathOpener shadowingWith(UmsServer server, DeviceAgent agent, TunnelClient client) throws Exception {
        ImiClient imi = ImiClient.create(ServerAddress.parse(server.baseUrl()), server.fingerprint());
        imi.login("admin", ADMIN_PASSWORD.toCharArray());
        return () -> {
            ShadowSession session = imi.startShadow(agent.deviceId(), false);
            return client.open(webSocketUri(session.tunnelUrl()), session.token());
        };
    }

    /** The tunnel URL the server named, as a {@code wss:} URI (the server may name it {@code https:}). */
    static URI webSocketUri(String tunnelUrl) {
        String url = tunnelUrl.strip();
        return URI.create(url.regionMatches(true, 0, "https:", 0, 6) ? "wss" + url.substring(5) : url);
    }

    /**
     * Runs {@link StalledReaderProbe} with {@code client} in a JVM of its own with a 256 MiB heap, and counts
     * what the target streamed into the tunnel while the console did not read.
     */
    private static Stall stall(String client, UmsServer server, DeviceAgent agent, TrafficTarget target)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "-Dbench.handoff=" + System.getProperty("bench.handoff", "bounded"), StalledReaderProbe.class.getName(), client, server.baseUrl(), server.fingerprint(), agent.deviceId(),
                Integer.toString(STALL_SECONDS)).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("BENCH_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process probe = builder.start();
        List<Double> heap = new ArrayList<>();
        long before = target.streamed();
        double atStart = -1;
        double sent = -1;
        String after = "no answer";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(probe.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "heap" -> {
                        if (atStart < 0) {
                            atStart = (target.streamed() - before) / 1048576.0;
                        }
                        heap.add(Double.parseDouble(words[2]));
                    }
                    case "stall-end" -> {
                        sent = (target.streamed() - before) / 1048576.0;
                        System.err.println(client + " delivered messages on thread " + words[1]);
                    }
                    case "resumed" -> after = words[1] + " MiB/s";
                    case "out-of-memory" -> after = "OutOfMemoryError";
                    default -> System.err.println(line);
                }
            }
        }
        int exit = probe.waitFor();
        if (after.equals("no answer")) {
            after = "the probe died (exit " + exit + ")";
        }
        Stall result = new Stall(client, heap, atStart, sent, after);
        System.err.printf(Locale.ROOT, "stalled %s: heap %s MiB, device sent %.1f MiB when the stall began and %.1f MiB "
                + "by its end, then %s%n", client, heap, atStart, sent, after);
        return result;
    }

    private static void waitOnline(DeviceAgent agent) throws InterruptedException {
        for (int i = 0; i < 200 && !agent.isConnected(); i++) {
            Thread.sleep(50);
        }
        if (!agent.isConnected()) {
            throw new IllegalStateException("the benchmark agent did not come online");
        }
    }

    private static void print(List<Result> results) {
        Result direct = results.get(0);
        System.out.printf(Locale.ROOT, "| path | MiB/s (median of %d × %d MiB) | runs | vs direct | RTT p50 µs "
                + "| RTT p99 µs |%n", RUNS, MIB);
        System.out.println("|---|---:|---|---:|---:|---:|");
        for (Result r : results) {
            double median = median(r.mibPerSecond());
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f–%.0f | %.2f | %d | %d |%n", r.name(), median,
                    r.mibPerSecond().stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    r.mibPerSecond().stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    median / median(direct.mibPerSecond()), r.p50(), r.p99());
        }
    }

    private static void printStalls(List<Stall> stalls) {
        if (stalls.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "| console client (-Xmx256m, reads nothing for %d s) | heap after GC at 0 s, MiB "
                + "| max during stall, MiB | last sample, MiB | device streamed by 0 s → by %d s, MiB | reading afterwards |%n",
                STALL_SECONDS, STALL_SECONDS);
        System.out.println("|---|---:|---:|---:|---|---|");
        for (Stall s : stalls) {
            List<Double> h = s.heapMiB();
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f (%d s) | %.1f → %s | %s |%n", s.client(),
                    h.isEmpty() ? Double.NaN : h.get(0), h.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                    h.isEmpty() ? Double.NaN : h.get(h.size() - 1), h.size() - 1, s.sentAtStartMiB(),
                    s.sentMiB() < 0 ? "–" : String.format(Locale.ROOT, "%.1f", s.sentMiB()), s.after());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** websockify relaying TLS WebSocket to the target's TCP port, with a throwaway certificate. */
    private record Websockify(Process process, int port, String fingerprint) implements AutoCloseable {
        static Websockify start(Path work, int targetPort) throws Exception {
            Path cert = work.resolve("ws-cert.pem");
            Path key = work.resolve("ws-key.pem");
            run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key.toString(), "-out", cert.toString(), "-subj", "/CN=bench", "-days", "1");
            String fingerprint = Fingerprints.sha256(SelfSignedIdentity.Pem.decode(Files.readString(cert)));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder("websockify", "--cert", cert.toString(), "--key", key.toString(),
                    "--ssl-only", "127.0.0.1:" + port, "127.0.0.1:" + targetPort)
                    .redirectErrorStream(true).redirectOutput(work.resolve("websockify.log").toFile()).start();
            for (int i = 0; i < 100; i++) {
                try (Socket probe = new Socket("127.0.0.1", port)) {
                    return new Websockify(p, port, fingerprint);
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            p.destroyForcibly();
            throw new IOException("websockify did not start; see " + work.resolve("websockify.log"));
        }

        @Override
        public void close() {
            process.destroy();
        }

        private static void run(String... command) throws Exception {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed");
            }
        }
    }
}
