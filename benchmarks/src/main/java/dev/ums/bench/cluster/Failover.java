package dev.ums.bench.cluster;

import static dev.ums.bench.cluster.ClusterSettings.*;

import dev.ums.protocol.imi.ThinClient;
import dev.ums.testkit.device.DeviceFleet;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.haproxy.HaproxyServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Part 4 of the cluster benchmark: {@code kill -9} of node 1 while both nodes hold their devices; its devices
 * reconnect through HAProxy to node 2. Reports when all are held by node 2 (its presence rows), when all are online in
 * node 2's device list as a console polls it ({@link ClusterSettings#LIST_POLL_MILLIS}), when each device was welcomed
 * again, the CPU this took by process, by node 2's threads and second by second ({@link CpuTimeline}), and whether
 * HAProxy took node 2 for dead meanwhile; before the kill, node 2's CPU for one answer of that list. Runs on the
 * benchmark's main thread.
 */
final class Failover {
    /** Polls of the device list whose CPU is measured before the kill. */
    private static final int LIST_POLLS = 40;

    private final ClusterNode[] nodes;
    private final List<HaproxyServer> haproxies;
    private final DeviceFleet fleet;
    private final List<FakeDevice> devices;
    private final DeviceHostProcess host;
    private final HttpClient adminHttp;
    private final String adminPassword;
    private final Figures figures;

    /** {@code host} is the second device JVM, or null when this JVM holds all devices. */
    Failover(ClusterNode[] nodes, List<HaproxyServer> haproxies, DeviceFleet fleet, DeviceHostProcess host,
             HttpClient adminHttp, String adminPassword, Figures figures) {
        this.nodes = nodes;
        this.haproxies = haproxies;
        this.fleet = fleet;
        this.devices = fleet.devices();
        this.host = host;
        this.adminHttp = adminHttp;
        this.adminPassword = adminPassword;
        this.figures = figures;
    }

    /** Kills node 1 and reports how its devices come back on node 2; {@code work} takes the recordings. */
    void run(Path work) throws Exception {
        Set<String> victims = new HashSet<>(nodes[0].held());
        AdminConsole survivor = AdminConsole.login(adminHttp, nodes[1].url(), "admin", adminPassword);
        listCost(survivor, work);
        Thread.sleep(3000);
        CpuShares cpu = new CpuShares().process("node 2", nodes[1].pid())
                .process("devices (benchmark JVM)", ProcessHandle.current().pid())
                .command("HAProxy", "haproxy").command("PostgreSQL", "postgres");
        if (host != null) {
            cpu.process("devices (second JVM)", host.pid());
        }
        Recording devicesRecording = null;
        if (PROFILE_FAILOVER) {
            nodes[1].jcmd("JFR.start", "name=failover", "settings=" + PROFILE_SETTINGS,
                    "filename=" + work.resolve("failover.jfr"));
        }
        if (PROFILE_DEVICES) {
            devicesRecording = new Recording(Configuration.getConfiguration("profile"));
            devicesRecording.setDestination(work.resolve("failover-devices.jfr"));
            devicesRecording.start();
        }
        fleet.counters().takeFailures();
        double[] gcBefore = nodes[1].gcPauses();
        ThreadCpu survivorThreads = new ThreadCpu(nodes[1].pid());
        cpu.begin();
        survivorThreads.begin();
        long killedAt = System.nanoTime();
        nodes[0].kill();
        long allHeld = -1;
        long allOnline = -1;
        int fewestOnline = Integer.MAX_VALUE;
        long fewestAt = -1;
        int lastRestPoll = -1;
        CpuTimeline timeline = CpuTimeline.start(nodes[1].pid(), ProcessHandle.current().pid());
        long deadline = killedAt + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && (allHeld < 0 || allOnline < 0)) {
            long now = System.nanoTime();
            if (allHeld < 0) {
                Set<String> held = nodes[1].held();
                if (held.containsAll(victims)) {
                    allHeld = System.nanoTime() - killedAt;
                    timeline.stop();
                    figures.add("… CPU from the kill until all were held", cpu.since());
                    figures.add("… node 2's CPU per device taken back", String.format(Locale.ROOT, "%.1f ms",
                            1000 * cpu.secondsOf("node 2") / victims.size()));
                    figures.add("… node 2's CPU by its threads", survivorThreads.since());
                    double[] gc = nodes[1].gcPauses();
                    figures.add("… node 2's collector pauses meanwhile", String.format(Locale.ROOT,
                            "%.1f s in %d pauses", gc[0] - gcBefore[0], (int) (gc[1] - gcBefore[1])));
                    if (PROFILE_FAILOVER) {
                        nodes[1].jcmd("JFR.stop", "name=failover");
                    }
                    if (devicesRecording != null) {
                        devicesRecording.stop();
                    }
                }
            }
            int poll = (int) ((now - killedAt) / TimeUnit.MILLISECONDS.toNanos(LIST_POLL_MILLIS));
            if (poll != lastRestPoll) {
                lastRestPoll = poll;
                int up = 0;
                for (ThinClient tc : survivor.devices()) {
                    if (victims.contains(tc.id()) && Boolean.TRUE.equals(tc.online())) {
                        up++;
                    }
                }
                long seen = System.nanoTime() - killedAt;
                if (up < fewestOnline) {
                    fewestOnline = up;
                    fewestAt = seen;
                }
                if (up == victims.size() && allHeld >= 0) {
                    allOnline = seen;
                }
            }
            Thread.sleep(100);
        }
        timeline.stop();
        if (devicesRecording != null) {
            devicesRecording.close();
        }
        List<Long> back = new ArrayList<>();
        for (FakeDevice d : devices) {
            if (victims.contains(d.id()) && d.isOnline() && d.welcomedAtNanos() > killedAt) {
                back.add(d.welcomedAtNanos() - killedAt);
            }
        }
        figures.add("kill -9 of node 1 holding " + victims.size() + " devices: all held by node 2 after",
                allHeld < 0 ? "not within 180 s" : String.format(Locale.ROOT, "%.1f s (target ≤ 10)", allHeld / 1e9));
        figures.add("… all of them online in node 2's REST list (polled every " + LIST_POLL_MILLIS / 1000.0
                + " s) after",
                (allOnline < 0 ? "not within 180 s" : String.format(Locale.ROOT, "%.1f s", allOnline / 1e9))
                        + String.format(Locale.ROOT, " (fewest online there: %d, %.1f s after the kill)", fewestOnline,
                        fewestAt / 1e9));
        figures.add("… welcomed again by node 2 (device side): median / p95 / last", String.format(Locale.ROOT,
                "%.1f / %.1f / %.1f s (%d of %d)%s", Figures.ms(back, 50) / 1000, Figures.ms(back, 95) / 1000,
                Figures.ms(back, 100) / 1000, back.size(), victims.size(), Figures.failures(fleet.counters())));
        figures.add("… welcomed again by the end of each second after the kill", welcomedBySecond(back));
        figures.add("… HAProxy's health checks took node 2 for dead meanwhile", survivorDown());
        figures.add("… CPU of node 2 / the devices (benchmark JVM) in each second after the kill, % of a core",
                timeline.toString());
    }

    /**
     * Node 2's CPU for one answer of the device list {@link #run} polls every
     * {@link ClusterSettings#LIST_POLL_MILLIS} ms: its CPU over {@link #LIST_POLLS} polls in a row, less what it spent
     * in as long a quiet time before (its devices' heartbeats), per poll; with
     * {@link ClusterSettings#PROFILE_FAILOVER} a JFR recording of these polls too.
     */
    private void listCost(AdminConsole survivor, Path work) throws Exception {
        survivor.devices(); // the route's first answer compiles nothing later ones need again
        long quietStart = System.nanoTime();
        long quietTicks = nodes[1].cpuTicks();
        Thread.sleep(3000);
        double quietPerSecond = (nodes[1].cpuTicks() - quietTicks) / 100.0 / ((System.nanoTime() - quietStart) / 1e9);
        if (PROFILE_FAILOVER) {
            nodes[1].jcmd("JFR.start", "name=list", "settings=" + PROFILE_SETTINGS,
                    "filename=" + work.resolve("list.jfr"));
        }
        long start = System.nanoTime();
        long ticks = nodes[1].cpuTicks();
        int listed = 0;
        for (int i = 0; i < LIST_POLLS; i++) {
            listed = survivor.devices().size();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (nodes[1].cpuTicks() - ticks) / 100.0 - quietPerSecond * wall;
        if (PROFILE_FAILOVER) {
            nodes[1].jcmd("JFR.stop", "name=list");
        }
        figures.add("node 2's CPU per answer of the device list (" + listed + " devices, " + LIST_POLLS + " in a row)",
                String.format(Locale.ROOT, "%.1f ms (%.0f ms wall each)", 1000 * cpu / LIST_POLLS,
                        1000 * wall / LIST_POLLS));
    }

    /** The lines in which a HAProxy marked node 2 down (its check timed out: dials were refused until it passed). */
    private String survivorDown() throws IOException {
        List<String> down = new ArrayList<>();
        for (HaproxyServer haproxy : haproxies) {
            haproxy.log().lines().filter(line -> line.contains("node2 is DOWN")).forEach(down::add);
        }
        return down.isEmpty() ? "never" : down.size() + " times, first: " + down.get(0).strip();
    }

    /** How many of these devices (their times back, ns after the kill) were back by the end of each second. */
    private static String welcomedBySecond(List<Long> back) {
        long last = back.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (int second = 1; second <= last / 1_000_000_000L + 1; second++) {
            long limit = second * 1_000_000_000L;
            out.append(second == 1 ? "" : ", ").append(second).append(" s: ")
                    .append(back.stream().filter(t -> t <= limit).count());
        }
        return out.toString();
    }
}
