package dev.ums.bench.gateway;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.testkit.device.DeviceCounters;
import dev.ums.testkit.device.DeviceFleet;
import dev.ums.testkit.device.DeviceServer;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How many idle devices one gateway holds here: starts `ums icg` and `ums server` as processes, connects
 * N lightweight simulated agents (testkit's {@link DeviceFleet}: one shared HTTP client, a UP socket each, a
 * heartbeat every 20 s as real agents do) and reads the gateway's resident memory and CPU time from /proc. Run with
 * {@code benchmarks/run-gateway-capacity.sh}.
 */
public final class IdleDevicesBenchmark {
    private static final int DEVICES = Integer.getInteger("bench.devices", 10_000);
    private static final int STEADY_SECONDS = Integer.getInteger("bench.steadySeconds", 60);

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("ums.jar", "launcher/target/ums.jar"));
        Path work = Files.createTempDirectory("ums-capacity");
        try (UmsProcess icg = UmsProcess.start(jar, work, "icg", List.of("--port", "0", "--bind", "127.0.0.1",
                "--data", work.resolve("icg").toString()), List.of("-Xmx2g"))) {
            try (UmsProcess server = UmsProcess.start(jar, work, "server", List.of("--port", "0", "--bind", "127.0.0.1",
                    "--data", work.resolve("server").toString(), "--icg", icg.url(), "--icg-fingerprint",
                    icg.fingerprint()), List.of("-Xmx1g"))) {
                Thread.sleep(2000);
                run(icg);
            }
        } finally {
            try (var walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(UmsProcess icg) throws Exception {
        ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(icg.fingerprint()).sslContext())
                .connectTimeout(Duration.ofSeconds(30))
                .executor(clientThreads)
                .build();
        long rssBefore = icg.rssKiB();
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        try (DeviceFleet fleet = DeviceFleet.enroll(new DeviceServer(icg.url(), http), "bench-enroll", DEVICES, null)) {
            long rssEnrolled = icg.rssKiB();
            double connectSeconds = fleet.connect(fleet.devices(), icg.url(), Duration.ofMinutes(10));
            int welcomed = fleet.counters().online();
            DeviceCounters.Failures failed = fleet.counters().takeFailures();
            if (failed.count() > 0) {
                System.err.println("connect failed: " + failed.first());
            }
            Thread.sleep(5000);
            long rssConnected = icg.rssKiB();
            fleet.beatEvery(beats, Duration.ofSeconds(20));
            long cpuStart = icg.cpuTicks();
            long wallStart = System.nanoTime();
            Thread.sleep(STEADY_SECONDS * 1000L);
            double cpuSeconds = (icg.cpuTicks() - cpuStart) / 100.0;
            double wall = (System.nanoTime() - wallStart) / 1e9;
            System.out.printf(Locale.ROOT, "| devices connected and welcomed | %d of %d (in %.0f s; %d failed) |%n",
                    welcomed, DEVICES, connectSeconds, failed.count());
            System.out.printf(Locale.ROOT, "| gateway RSS: started / after enrollment / with devices | %d / %d / %d MiB |%n",
                    rssBefore / 1024, rssEnrolled / 1024, rssConnected / 1024);
            System.out.printf(Locale.ROOT, "| gateway memory per connected device | %.1f KiB |%n",
                    (rssConnected - rssEnrolled) / (double) Math.max(1, welcomed));
            System.out.printf(Locale.ROOT, "| gateway CPU, heartbeats every 20 s | %.1f %% of one core (%d heartbeats/s) |%n",
                    100 * cpuSeconds / wall, welcomed / 20);
        } finally {
            beats.shutdownNow();
            clientThreads.shutdownNow();
        }
    }
}
