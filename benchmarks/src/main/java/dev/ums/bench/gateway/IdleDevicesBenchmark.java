package dev.ums.bench.gateway;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many idle devices one gateway holds here: starts `ums icg` and `ums server` as processes, connects
 * N lightweight simulated agents (one shared HTTP client, a UP socket each, a heartbeat every 20 s as real
 * agents do) and reads the gateway's resident memory and CPU time from /proc. Run with
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
        HttpClient http = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(icg.fingerprint()).sslContext())
                .connectTimeout(Duration.ofSeconds(30))
                .executor(Executors.newFixedThreadPool(4))
                .build();
        long rssBefore = icg.rssKiB();
        List<Enrollment> enrolled = enroll(http, icg.url());
        long rssEnrolled = icg.rssKiB();
        ConcurrentLinkedQueue<WebSocket> sockets = new ConcurrentLinkedQueue<>();
        AtomicInteger welcomed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Semaphore inFlight = new Semaphore(64);
        long connectStart = System.nanoTime();
        for (Enrollment e : enrolled) {
            inFlight.acquire();
            http.newWebSocketBuilder()
                    .header("Authorization", UpPaths.deviceAuthorization(e.deviceId(), e.credential()))
                    .buildAsync(URI.create(icg.url().replace("https", "wss") + UpPaths.UP), new Idle(welcomed))
                    .whenComplete((ws, err) -> {
                        inFlight.release();
                        if (ws != null) {
                            sockets.add(ws);
                            ws.sendText(new UpMessage.Hello("sim-" + e.deviceId(), "sim-" + e.deviceId(), null, "12",
                                    "sim", ShadowSettings.DEFAULTS).toJson(), true);
                        } else if (failed.incrementAndGet() <= 3) {
                            System.err.println("connect failed: " + err);
                        }
                    });
        }
        long deadline = connectStart + TimeUnit.MINUTES.toNanos(10);
        while (welcomed.get() + failed.get() < enrolled.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        Thread.sleep(5000);
        long rssConnected = icg.rssKiB();
        List<WebSocket> all = new ArrayList<>(sockets);
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        int perTick = Math.max(1, all.size() / 20);
        AtomicInteger cursor = new AtomicInteger();
        beats.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick; i++) {
                WebSocket ws = all.get(Math.floorMod(cursor.getAndIncrement(), all.size()));
                ws.sendText(new UpMessage.Heartbeat(System.currentTimeMillis()).toJson(), true);
            }
        }, 1, 1, TimeUnit.SECONDS);
        long cpuStart = icg.cpuTicks();
        long wallStart = System.nanoTime();
        Thread.sleep(STEADY_SECONDS * 1000L);
        double cpuSeconds = (icg.cpuTicks() - cpuStart) / 100.0;
        double wall = (System.nanoTime() - wallStart) / 1e9;
        beats.shutdownNow();
        System.out.printf(Locale.ROOT, "| devices connected and welcomed | %d of %d (in %.0f s; %d failed) |%n",
                welcomed.get(), enrolled.size(), connectSeconds, failed.get());
        System.out.printf(Locale.ROOT, "| gateway RSS: started / after enrollment / with devices | %d / %d / %d MiB |%n",
                rssBefore / 1024, rssEnrolled / 1024, rssConnected / 1024);
        System.out.printf(Locale.ROOT, "| gateway memory per connected device | %.1f KiB |%n",
                (rssConnected - rssEnrolled) / (double) Math.max(1, welcomed.get()));
        System.out.printf(Locale.ROOT, "| gateway CPU, heartbeats every 20 s | %.1f %% of one core (%d heartbeats/s) |%n",
                100 * cpuSeconds / wall, all.size() / 20);
        all.forEach(WebSocket::abort);
    }

    private static List<Enrollment> enroll(HttpClient http, String url) throws Exception {
        List<CompletableFuture<Enrollment>> futures = new ArrayList<>();
        Semaphore inFlight = new Semaphore(16);
        for (int i = 0; i < DEVICES; i++) {
            inFlight.acquire();
            String body = WireJson.write(new EnrollmentRequest("sim-" + i, "SIM" + i, null, "12", null));
            futures.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url + UpPaths.ENROLL))
                            .header("Authorization", "Bearer bench-enroll")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> inFlight.release())
                    .thenApply(r -> WireJson.read(r.body(), Enrollment.class)));
        }
        List<Enrollment> out = new ArrayList<>();
        for (CompletableFuture<Enrollment> f : futures) {
            out.add(f.get(5, TimeUnit.MINUTES));
        }
        return out;
    }

    /** A device that does nothing but stay connected. */
    private record Idle(AtomicInteger welcomed) implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (data.toString().contains("\"welcome\"")) {
                welcomed.incrementAndGet();
            }
            ws.request(1);
            return null;
        }
    }
}
