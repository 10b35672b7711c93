package dev.ums.bench.cluster;

import static dev.ums.bench.cluster.ClusterSettings.DB_URL;
import static dev.ums.bench.cluster.ClusterSettings.DB_USER;

import dev.ums.testkit.process.ProcessThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One `ums server` node of the benchmark's cluster, run as a child process from {@code ums.jar}: its output goes to
 * files in the work directory (read for the {@code fingerprint:} and {@code ready:} lines), its resident memory and
 * CPU time come from {@code /proc}. Called by the benchmark's main thread.
 */
final class ClusterNode implements AutoCloseable {
    private final String name;
    private final int port;
    private final Process process;
    private final Path out;
    private String fingerprint;

    private ClusterNode(String name, int port, Process process, Path out) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.out = out;
    }

    /**
     * Starts the node with the command {@code java} (the path of {@code java}, or {@code taskset} with its
     * arguments before it, as {@code taskset} runs java in its own process) on {@code port} of 127.0.0.1, its load
     * balancer port (PROXY protocol) on {@code proxyPort}, and waits until it printed {@code ready:}.
     */
    static ClusterNode start(List<String> java, Path jar, Path work, String name, int port, int proxyPort, String dbUrl,
                             List<String> jvm, List<String> extraArgs, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(java);
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar.toString(), "server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--data", work.resolve(name).toString(), "--db-url", dbUrl,
                "--advertise-url", "https://127.0.0.1:" + port, "--proxy-port", String.valueOf(proxyPort)));
        cmd.addAll(extraArgs);
        Path out = work.resolve(name + ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(work.resolve(name + ".err").toFile());
        pb.environment().putAll(env);
        ClusterNode node = new ClusterNode(name, port, pb.start(), out);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            String printed = Files.readString(out);
            if (printed.contains("ready: ")) {
                for (String line : printed.split("\n")) {
                    if (line.startsWith("fingerprint: ")) {
                        node.fingerprint = line.substring(13).trim();
                    }
                }
                return node;
            }
            if (!node.process.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        node.close();
        throw new IOException("node " + name + " did not start; see " + work.resolve(name + ".err"));
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String url() {
        return "https://127.0.0.1:" + port;
    }

    String fingerprint() {
        return fingerprint;
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory in KiB ({@code VmRSS}). */
    long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** User plus system CPU time in clock ticks (1/100 s). */
    long cpuTicks() throws IOException {
        return ProcessThreads.processTicks(process.pid());
    }

    /** What {@code jcmd <pid> <command…>} prints. */
    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(process.info().command().map(java -> Path.of(java)
                        .resolveSibling("jcmd").toString()).orElse("jcmd"),
                String.valueOf(process.pid())));
        cmd.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String printed = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor();
        return printed;
    }

    /**
     * The node's stop-the-world collections so far from its performance counters: {@code [pause seconds, count]}
     * (young and full collections, and G1's remark and cleanup pauses).
     */
    double[] gcPauses() throws IOException, InterruptedException {
        double ticks = 0;
        double count = 0;
        double frequency = 1e9;
        for (String line : jcmd("PerfCounter.print").split("\n")) {
            String[] kv = line.split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].matches("sun\\.gc\\.collector\\.\\d+\\.time")) {
                ticks += Double.parseDouble(kv[1].trim());
            } else if (kv[0].matches("sun\\.gc\\.collector\\.\\d+\\.invocations")) {
                count += Double.parseDouble(kv[1].trim());
            } else if (kv[0].equals("sun.os.hrt.frequency")) {
                frequency = Double.parseDouble(kv[1].trim());
            }
        }
        return new double[] {ticks / frequency, count};
    }

    /** {@code kill -9}: the node gets no chance to say goodbye to anyone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** The devices whose UP link this node holds, from the cluster's presence table. */
    Set<String> held() throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, "");
             PreparedStatement ps = c.prepareStatement("SELECT p.device_id FROM device_presence p "
                     + "JOIN cluster_node n ON n.node_id = p.node_id WHERE n.advertise_url = ?")) {
            ps.setString(1, url());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(String.valueOf(rs.getLong(1)));
                }
            }
        }
        return ids;
    }

}
