package dev.ums.bench.cluster;

import static dev.ums.bench.cluster.ClusterSettings.*;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.testkit.device.DeviceFleet;
import dev.ums.testkit.device.DeviceServer;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.haproxy.HaproxyServer;
import dev.ums.testkit.net.FreePort;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Scale-out figures (issue 15, docs/SCALE-OUT.md): two `ums server` nodes started as processes from
 * {@code ums.jar} on one PostgreSQL (started by {@code benchmarks/cluster.sh}) behind a real HAProxy that sends the
 * PROXY protocol to the nodes' load balancer ports, with simulated devices (testkit's {@link DeviceFleet}: enrolled
 * for real, UP links over TLS WebSockets, from their own loopback addresses, {@link SourceAddresses}):
 * <ol>
 * <li>N idle devices on one node: the node's RSS before, after they connected and after the steady phase, its CPU
 * for the heartbeats;</li>
 * <li>2 × {@code bench.balancedDevices} devices through HAProxy, half on each node: both nodes' RSS and CPU;</li>
 * <li>shadow starts (REST answer and tunnel paired): a device held by node 1 asked on node 1 and on node 2,
 * median and p95 each, and starts per second with several consoles on both nodes;</li>
 * <li>{@code kill -9} of node 1: time until its devices are held by node 2 and online in node 2's REST list.</li>
 * </ol>
 * Its settings are {@link ClusterSettings}. Writes a Markdown table of the figures to the file named by the first
 * argument. Runs on its main thread, with the fleet's scheduler and the JDK HTTP clients' threads for the devices.
 */
public final class ClusterBenchmark {
    private static final String ADMIN_PASSWORD = "bench-admin";
    private static final String ENROLLMENT = "bench-enroll";

    private final Figures figures = new Figures();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    /** The devices' HTTP clients' callbacks, shared by all of them. */
    private final ExecutorService deviceThreads = Executors.newFixedThreadPool(8);
    private DeviceFleet fleet;
    private List<FakeDevice> devices = List.of();
    private final ClusterNode[] nodes = new ClusterNode[2];
    private HttpClient adminHttp;
    private final List<HaproxyServer> haproxies = new ArrayList<>();
    private DeviceHostProcess host;
    /** Part 2's devices held by the {@link DeviceHost}, when there is one. */
    private int hostDevices;

    public static void main(String[] args) throws Exception {
        if (DB_URL == null) {
            throw new IllegalArgumentException(
                    "-Dbench.db=jdbc:postgresql://… is missing (benchmarks/cluster.sh sets it)");
        }
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/cluster-figures.md");
        Path jar = Path.of(System.getProperty("ums.jar", "launcher/target/ums.jar"));
        Path work = Files.createTempDirectory("ums-cluster-bench");
        ClusterBenchmark bench = new ClusterBenchmark();
        int status = 0;
        try {
            bench.run(jar, work);
        } catch (Exception | Error e) {
            // the HTTP clients' threads would keep the JVM (and the machine's benchmark lock) alive
            e.printStackTrace();
            status = 1;
        } finally {
            bench.close();
            bench.figures.write(out);
            System.out.println("node logs: " + work);
        }
        System.exit(status);
    }

    private void run(Path jar, Path work) throws Exception {
        int[] ports = {FreePort.pick(), FreePort.pick()};
        int[] proxyPorts = {FreePort.pick(), FreePort.pick()};
        Map<String, String> env = Map.of("UMS_ADMIN_PASSWORD", ADMIN_PASSWORD, "UMS_ENROLLMENT_TOKEN", ENROLLMENT,
                "UMS_DB_USER", DB_USER, "UMS_CLUSTER_SECRET", "bench-cluster-secret");
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + NODE_HEAP));
        if (PROFILE) {
            jvm.add("-XX:NativeMemoryTracking=summary");
        }
        if (!NODE_JVM.isBlank()) {
            jvm.addAll(List.of(NODE_JVM.trim().split("\\s+")));
        }
        for (int i = 0; i < 2; i++) {
            List<String> java = i < NODE_CPUS.length ? List.of("taskset", "-c", NODE_CPUS[i], NODE_JAVA)
                    : List.of(NODE_JAVA);
            nodes[i] = ClusterNode.start(java, jar, work, "node" + (i + 1), ports[i], proxyPorts[i], DB_URL, jvm,
                    NODE_ARGS.isBlank() ? List.of() : List.of(NODE_ARGS.trim().split("\\s+")), env);
        }
        for (int i = 0; i < HAPROXIES; i++) {
            haproxies.add(HaproxyServer.start(List.of(proxyPorts[0], proxyPorts[1]), 2 * BALANCED / HAPROXIES + 100,
                    HAPROXY_LINES.isBlank() ? List.of() : List.of(HAPROXY_LINES.split(";")), true));
        }
        String fingerprint = nodes[0].fingerprint();
        figure("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ") + ", benchmark on Java "
                + Runtime.version() + ", nodes on " + NODE_JAVA + ", "
                + Files.readString(Path.of("/proc/loadavg")).trim() + " (load at start)");
        figure("nodes", "-Xmx" + NODE_HEAP + " each" + (NODE_JVM.isBlank() ? "" : " `" + NODE_JVM + "`")
                + (NODE_ARGS.isBlank() ? "" : ", `" + NODE_ARGS + "`")
                + (PROFILE ? ", native memory tracking" : "")
                + (NODE_CPUS.length == 0 ? "" : ", node 1, node 2 on processors " + String.join(", ", NODE_CPUS)
                        + " (`taskset`; the rest of the benchmark as `cluster.sh` pinned it)")
                + (HAPROXY_LINES.isBlank() ? "" : "; HAProxy backend adds `" + HAPROXY_LINES + "`")
                + "; same fingerprint on both: "
                + fingerprint.equals(nodes[1].fingerprint()));
        hostDevices = DEVICE_JVMS > 1 ? BALANCED : 0;
        int count = Math.max(DEVICES, 2 * BALANCED - hostDevices);
        int clientCount = SOURCES.distinct() ? SOURCES.count(count) : 4;
        List<DeviceServer> deviceClients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            deviceClients.add(new DeviceServer(nodes[1].url(), SOURCES.bind(HttpClient.newBuilder(), i)
                    .sslContext(PinnedTrust.fingerprint(fingerprint).sslContext())
                    .connectTimeout(Duration.ofSeconds(30)).executor(deviceThreads).build()));
        }
        figure("device addresses", SOURCES.distinct() ? String.format(Locale.ROOT,
                "%d loopback addresses from 127.1.0.1, %d devices on each", clientCount, SOURCES.perAddress())
                : "all devices from 127.0.0.1 (this JVM's HTTP client cannot bind a source address; Java 19+ can)");
        adminHttp = client(fingerprint, 8);
        if (hostDevices > 0) {
            host = DeviceHostProcess.start(work, nodes[1].url(), fingerprint, ENROLLMENT, count, clientCount,
                    hostDevices, haproxies.stream().map(HaproxyServer::url).toList(), SOURCES.perAddress());
        }
        figure("load balancers, device JVMs", String.format(Locale.ROOT,
                "%d HAProxy process(es) sharing part 2's devices; %d device JVM(s)%s", HAPROXIES, DEVICE_JVMS,
                hostDevices > 0 ? " (a second JVM holds " + hostDevices + ")" : ""));

        long enrollStart = System.nanoTime();
        IntFunction<DeviceServer> clientOf = i -> deviceClients.get(
                SOURCES.distinct() ? i / SOURCES.perAddress() : i % clientCount);
        fleet = DeviceFleet.enroll(clientOf, ENROLLMENT, count, scheduler);
        devices = fleet.devices();
        boolean spread = AFTER_LOSS.equals("both") || AFTER_LOSS.equals("spread");
        boolean longerDial = AFTER_LOSS.equals("both") || AFTER_LOSS.equals("dial");
        devices.forEach(d -> d.afterLoss(spread, longerDial));
        String limitAfterLoss = longerDial ? ", their first dial limit doubled"
                : ", their first dial limit as at start";
        figure("after a lost link the devices", (spread ? "spread their first delay over 0.75–3.75 s"
                : "wait 0.75–1.25 s") + (DIAL_LIMIT_SECONDS > 0 ? limitAfterLoss : ""));
        if (DIAL_LIMIT_SECONDS > 0) {
            int max = Math.max(DIAL_LIMIT_SECONDS, MAX_DIAL_LIMIT_SECONDS);
            devices.forEach(d -> d.dialLimit(Duration.ofSeconds(DIAL_LIMIT_SECONDS), Duration.ofSeconds(max)));
            figure("dial limit of the devices", DIAL_LIMIT_SECONDS + " s (TCP, TLS, upgrade), doubling up to " + max
                    + " s while dials run out of time, then they try again");
        }
        if (host != null) {
            host.awaitEnrolled(600);
        }
        double enrollSeconds = (System.nanoTime() - enrollStart) / 1e9;
        int enrolled = devices.size() + hostDevices;
        figure("enrollments (through node 2, 16 at a time" + (host != null ? " in each device JVM" : "") + ")",
                String.format(Locale.ROOT, "%d in %.0f s (%.0f/s)", enrolled, enrollSeconds,
                        enrolled / enrollSeconds));
        fleet.beatEvery(scheduler, Duration.ofSeconds(20));

        if (PARTS.contains("1")) {
            oneNode(work);
        }
        if (PARTS.contains("2")) {
            twoNodes();
        }
        if (PARTS.contains("3")) {
            shadowStarts();
        }
        if (PARTS.contains("4")) {
            new Failover(nodes, haproxies, fleet, host, adminHttp, ADMIN_PASSWORD, figures).run(work);
        }
    }

    /** Part 1: N devices connected straight to node 1 (enrollment went through node 2). */
    private void oneNode(Path work) throws Exception {
        ClusterNode node = nodes[0];
        Thread.sleep(3000);
        long rssBefore = node.rssKiB();
        List<FakeDevice> mine = devices.subList(0, DEVICES);
        if (PROFILE) {
            node.jcmd("VM.native_memory", "baseline");
            Files.writeString(work.resolve("heap-before.txt"), node.jcmd("GC.heap_info"));
            node.jcmd("JFR.start", "name=connect", "settings=profile", "filename=" + work.resolve("connect.jfr"));
        }
        long cpuBefore = node.cpuTicks();
        double seconds = connect(mine, node.url());
        double cpuSeconds = (node.cpuTicks() - cpuBefore) / 100.0;
        if (PROFILE) {
            node.jcmd("JFR.stop", "name=connect");
        }
        Thread.sleep(5000);
        long rssAfter = node.rssKiB();
        figure("1 node: devices connected and welcomed", String.format(Locale.ROOT, "%d of %d in %.0f s%s",
                online(), DEVICES, seconds, failures()));
        figure("1 node: node CPU while the devices connected", String.format(Locale.ROOT,
                "%.0f s in all, %.1f ms per device (TLS, device check, hello, presence row)", cpuSeconds,
                1000 * cpuSeconds / Math.max(1, online())));
        figure("1 node: node RSS before / with devices", rssBefore / 1024 + " / " + rssAfter / 1024 + " MiB");
        figure("1 node: RSS per device 5 s after the last connected", String.format(Locale.ROOT, "%.1f KiB",
                (rssAfter - rssBefore) / (double) Math.max(1, online())));
        if (PROFILE) {
            profile(node, work);
            return;
        }
        double[] cpu = cpu(new ClusterNode[] {node});
        figure("1 node: node CPU for heartbeats (" + DEVICES / 20 + "/s, " + STEADY_SECONDS + " s)",
                String.format(Locale.ROOT, "%.1f %% of one core", cpu[0]));
        long rssIdle = node.rssKiB();
        figure("1 node: node RSS after the steady phase", rssIdle / 1024 + " MiB");
        figure("1 node: RSS per idle device after the steady phase", String.format(Locale.ROOT,
                "%.1f KiB (target ≤ 64)", (rssIdle - rssBefore) / (double) Math.max(1, online())));
        mine.forEach(FakeDevice::close);
        awaitOnline(0, Duration.ofSeconds(30));
        Thread.sleep(10_000);
    }

    /** Where the node's memory is, with N devices connected: native memory by category, the heap's classes. */
    private void profile(ClusterNode node, Path work) throws Exception {
        Files.writeString(work.resolve("nmt.txt"), node.jcmd("VM.native_memory", "summary"));
        String diff = node.jcmd("VM.native_memory", "summary.diff");
        Files.writeString(work.resolve("nmt-diff.txt"), diff);
        for (String line : diff.split("\n")) {
            if (line.startsWith("Total:") || line.matches("^-\\s+\\S.*\\(reserved=.*")) {
                figure("profile: native memory growth with the devices", line.replaceFirst("^-", "").trim());
            }
        }
        for (String line : Files.readAllLines(work.resolve("nmt.txt"))) {
            if (line.startsWith("Total:") || line.matches("^-\\s+\\S.*\\(reserved=.*")) {
                figure("profile: native memory", line.replace("-", "").trim());
            }
        }
        figure("profile: threads", node.jcmd("Thread.print").split("\n\"").length - 1 + "");
        String histogram = node.jcmd("GC.class_histogram");
        Files.writeString(work.resolve("histogram.txt"), histogram);
        String[] lines = histogram.split("\n");
        for (int i = 0; i < Math.min(lines.length, 18); i++) {
            figure("profile: heap after a full collection", lines[i].trim());
        }
        figure("profile: heap in use after the full collection", node.jcmd("GC.heap_info").lines()
                .filter(l -> l.contains("used")).findFirst().orElse("?").trim());
        figure("profile: RSS after the full collection", node.rssKiB() / 1024 + " MiB");
    }

    /** Part 2: 2 × {@link ClusterSettings#BALANCED} devices through HAProxy, which spreads them over both nodes. */
    private void twoNodes() throws Exception {
        long[] before = {nodes[0].rssKiB(), nodes[1].rssKiB()};
        List<FakeDevice> balanced = devices.subList(0, 2 * BALANCED - hostDevices);
        long start = System.nanoTime();
        if (host != null) {
            host.connect();
        }
        fleet.connect(balanced, i -> haproxies.get(i % haproxies.size()).url(), Duration.ofMinutes(10));
        long deadline = start + TimeUnit.MINUTES.toNanos(10);
        while (host != null && host.online() < hostDevices && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(5000);
        int[] held = {nodes[0].held().size(), nodes[1].held().size()};
        figure("2 nodes via HAProxy: devices welcomed", String.format(Locale.ROOT,
                "%d of %d in %.0f s; held by node 1 / node 2: %d / %d%s", online() + (host != null ? host.online() : 0),
                2 * BALANCED, seconds, held[0], held[1], failures()));
        figure("2 nodes via HAProxy: RSS node 1 / node 2 (before → with devices)", String.format(Locale.ROOT,
                "%d → %d / %d → %d MiB", before[0] / 1024, nodes[0].rssKiB() / 1024, before[1] / 1024,
                nodes[1].rssKiB() / 1024));
        double[] cpu = cpu(nodes);
        figure("2 nodes via HAProxy: CPU node 1 / node 2 for heartbeats (" + 2 * BALANCED / 20 + "/s in all)",
                String.format(Locale.ROOT, "%.1f %% / %.1f %% of one core", cpu[0], cpu[1]));
    }

    /** Part 3: the added time of a cross-node start, and starts per second with several consoles. */
    private void shadowStarts() throws Exception {
        AdminConsole[] consoles = {
                AdminConsole.login(adminHttp, nodes[0].url(), "admin", ADMIN_PASSWORD),
                AdminConsole.login(adminHttp, nodes[1].url(), "admin", ADMIN_PASSWORD)};
        ShadowStarts starts = new ShadowStarts(figures, consoles);
        starts.sameVersusCross(new ArrayList<>(nodes[0].held()), LATENCY_STARTS);
        starts.perSecond(devices.stream().filter(FakeDevice::isOnline).map(FakeDevice::id).toList(),
                THROUGHPUT_CONSOLES, THROUGHPUT_SECONDS);
    }

    /** Connects these devices to {@code url} (64 handshakes at a time) and waits until all are welcomed. */
    private double connect(List<FakeDevice> these, String url) throws Exception {
        return fleet.connect(these, url, Duration.ofMinutes(10));
    }

    private int online() {
        return fleet.counters().online();
    }

    /** The failed connection attempts since the last call, if any. */
    private String failures() {
        return Figures.failures(fleet.counters());
    }

    private void awaitOnline(int count, Duration timeout) throws InterruptedException {
        fleet.awaitOnline(count, timeout);
    }

    /** Each node's CPU over the steady phase, in percent of one core. */
    private double[] cpu(ClusterNode[] these) throws Exception {
        long[] start = new long[these.length];
        for (int i = 0; i < these.length; i++) {
            start[i] = these[i].cpuTicks();
        }
        long wallStart = System.nanoTime();
        Thread.sleep(STEADY_SECONDS * 1000L);
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double[] out = new double[these.length];
        for (int i = 0; i < these.length; i++) {
            out[i] = (these[i].cpuTicks() - start[i]) / wall;
        }
        return out;
    }

    private void figure(String what, String value) {
        figures.add(what, value);
    }

    private static HttpClient client(String fingerprint, int threads) {
        return HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(fingerprint).sslContext())
                .connectTimeout(Duration.ofSeconds(30))
                .executor(Executors.newFixedThreadPool(threads))
                .build();
    }


    private void close() {
        if (fleet != null) {
            fleet.close();
        }
        scheduler.shutdownNow();
        deviceThreads.shutdownNow();
        if (host != null) {
            try {
                host.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ClusterNode node : nodes) {
            if (node != null) {
                try {
                    node.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        haproxies.forEach(HaproxyServer::close);
    }
}
