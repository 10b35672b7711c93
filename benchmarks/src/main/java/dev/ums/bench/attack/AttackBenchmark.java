package dev.ums.bench.attack;

import dev.ums.bench.gateway.UmsProcess;
import dev.ums.protocol.gateway.GatewayPaths;
import dev.ums.protocol.tls.PinnedTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Attacks a real {@code ums server} and {@code ums icg} (child processes of the launcher's jar) the way
 * issue 12 describes, and writes what it measured as Markdown to the file given as the first argument:
 * slow uploads held while a login answers, a login during a flood of wrong passwords, wrong passwords
 * checked per minute for one user, acknowledged writes kept over repeated {@code kill -9}. A benchmark,
 * not a test: it reports, it asserts nothing. Run by {@code benchmarks/run-attacks.sh}.
 */
public final class AttackBenchmark {
    private static final String ADMIN_PASSWORD = "bench-admin";
    private static final String ENROLL_TOKEN = "bench-enroll";

    private final Path jar = Path.of(System.getProperty("ums.jar", "launcher/target/ums.jar"));
    private final Path work;
    private final int uploads = Integer.getInteger("bench.uploads", 1000);
    private final int floodThreads = Integer.getInteger("bench.floodThreads", 32);
    private final int floodSeconds = Integer.getInteger("bench.floodSeconds", 60);
    private final int killRounds = Integer.getInteger("bench.killRounds", 5);
    private final StringBuilder md = new StringBuilder();

    private AttackBenchmark(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/attack-figures.md");
        Path work = Files.createTempDirectory("ums-attacks");
        AttackBenchmark bench = new AttackBenchmark(work);
        bench.run();
        Files.writeString(out, bench.md.toString());
        System.out.println(bench.md);
    }

    private void run() throws Exception {
        md.append("Run ").append(Instant.now().toString(), 0, 16).append(" UTC on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.version")).append("; server and gateway with default settings unless "
                        + "a line says otherwise (`benchmarks/run-attacks.sh`).\n\n");
        md.append("| Attack | Figure |\n|---|---|\n");
        slowUploadsAtTheServer();
        slowUploadsAtTheGateway();
        wrongPasswordFlood();
        killNine();
    }

    private UmsProcess server(String name, List<String> extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--bind", "127.0.0.1", "--data",
                work.resolve(name).toString()));
        args.addAll(extra);
        return UmsProcess.start(jar, work, "server", args, List.of("-Xmx1g"));
    }

    private void slowUploadsAtTheServer() throws Exception {
        try (UmsProcess server = server("server-uploads", List.of())) {
            URI base = URI.create(server.url());
            SSLContext tls = PinnedTrust.fingerprint(server.fingerprint()).sslContext();
            HttpClient http = client(tls);
            Latencies logins = new Latencies();
            Runnable login = () -> logins.add(login(http, base, "admin", ADMIN_PASSWORD));
            row("Slow enrollment uploads at the server (valid token, " + uploads + " opened from 127.0.0.2, 300 B/s each; "
                            + "the login from 127.0.0.1)",
                    hold(server, tls, base, ENROLL_TOKEN, login, logins, "login"));
        }
    }

    /**
     * Opens the uploads (running {@code probe} every half second meanwhile), then keeps them trickling for
     * 10 s more with a probe every second; reports how many were held at once, how the probes fared, and
     * whether the attacked process's threads and heap come back down 15 s after the uploads are gone.
     */
    private String hold(UmsProcess attacked, SSLContext tls, URI base, String token, Runnable probe, Latencies probes,
                        String what) throws InterruptedException, IOException {
        int threadsBefore = attacked.threads();
        long heapBefore = attacked.heapAfterCollectionMiB();
        int threadsHeld;
        String held;
        long start = System.nanoTime();
        try (SlowUploads open = SlowUploads.open(tls, base.getHost(), base.getPort(), "/device-connector/enroll",
                token, uploads, 300, probe)) {
            double openSeconds = (System.nanoTime() - start) / 1e9;
            int peak = open.held();
            for (int i = 0; i < 10; i++) {
                open.trickle(300);
                peak = Math.max(peak, open.held());
                probe.run();
                Thread.sleep(1000);
            }
            open.trickle(300);
            threadsHeld = attacked.threads();
            held = String.format(Locale.ROOT, "%d held at once (%d refused at accept; opening all took %.1f s); "
                    + "%s while they were opened and held: %s", peak, open.refused(), openSeconds, what,
                    probes.summary());
        }
        Thread.sleep(15_000);
        return held + String.format(Locale.ROOT, "; threads %d before, %d while held, %d 15 s after; heap after a "
                + "full collection %d MiB before, %d MiB after", threadsBefore, threadsHeld, attacked.threads(),
                heapBefore, attacked.heapAfterCollectionMiB());
    }

    private void slowUploadsAtTheGateway() throws Exception {
        for (String limit : List.of("64", String.valueOf(uploads * 2))) {
            try (UmsProcess icg = UmsProcess.start(jar, work, "icg", List.of("--port", "0", "--bind", "127.0.0.1",
                    "--data", work.resolve("icg-" + limit).toString(), "--unauthenticated-per-address", limit),
                    List.of("-Xmx1g"))) {
                URI base = URI.create(icg.url());
                SSLContext tls = PinnedTrust.fingerprint(icg.fingerprint()).sslContext();
                HttpClient http = client(tls);
                Latencies checks = new Latencies();
                Runnable check = () -> checks.add(send(http, HttpRequest.newBuilder(
                        base.resolve(GatewayPaths.CHECK_STATUS)).GET()));
                row("Slow enrollment uploads at the gateway (any token, " + uploads + " opened from one address (127.0.0.2; the health check from 127.0.0.1), "
                                + "`--unauthenticated-per-address " + limit + "`)",
                        hold(icg, tls, base, "any-token", check, checks, "health check"));
            }
        }
    }

    private void wrongPasswordFlood() throws Exception {
        try (UmsProcess server = server("server-flood", List.of())) {
            URI base = URI.create(server.url());
            SSLContext tls = PinnedTrust.fingerprint(server.fingerprint()).sslContext();
            // the administrator has signed in from this address before, as a real one has
            login(client(tls), base, "admin", ADMIN_PASSWORD);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger checked = new AtomicInteger();
            AtomicInteger throttled = new AtomicInteger();
            List<Thread> flood = new ArrayList<>();
            for (int i = 0; i < floodThreads; i++) {
                Thread t = new Thread(() -> {
                    HttpClient http = client(tls);
                    while (!stop.get()) {
                        int status = login(http, base, "admin", "wrong-password").status;
                        (status == 401 ? checked : throttled).incrementAndGet();
                    }
                }, "flood-" + i);
                t.start();
                flood.add(t);
            }
            Latencies logins = new Latencies();
            HttpClient http = client(tls);
            long end = System.nanoTime() + Duration.ofSeconds(floodSeconds).toNanos();
            while (System.nanoTime() < end) {
                logins.add(login(http, base, "admin", ADMIN_PASSWORD));
                Thread.sleep(500);
            }
            stop.set(true);
            for (Thread t : flood) {
                t.join();
            }
            double minutes = floodSeconds / 60.0;
            row("Wrong passwords for `admin` from " + floodThreads + " threads for " + floodSeconds + " s, from the "
                            + "address the real administrator signed in from before (a shared address)",
                    String.format(Locale.ROOT, "%.0f wrong passwords checked per minute (%d answered 429 without a "
                            + "check); the real admin's login meanwhile: %s", checked.get() / minutes, throttled.get(),
                            logins.summary()));
        }
    }

    private void killNine() throws Exception {
        int acknowledged = 0;
        int kept = 0;
        int tokensAcknowledged = 0;
        int tokensKept = 0;
        for (int round = 0; round < killRounds; round++) {
            UmsProcess server = server("server-kill", List.of());
            URI base = URI.create(server.url());
            SSLContext tls = PinnedTrust.fingerprint(server.fingerprint()).sslContext();
            HttpClient http = client(tls);
            login(http, base, "admin", ADMIN_PASSWORD);
            for (int i = 0; i < 10; i++) {
                if (send(http, HttpRequest.newBuilder(base.resolve("/umsapi/v3/enrollmenttokens"))
                        .POST(HttpRequest.BodyPublishers.noBody())).status == 201) {
                    tokensAcknowledged++;
                }
                String body = "{\"name\":\"kill-" + round + "-" + i + "\",\"unitId\":\"unit-kill-" + round + "-" + i
                        + "\",\"mac\":\"00:00:00:00:00:01\",\"osVersion\":\"12\"}";
                if (send(http, HttpRequest.newBuilder(base.resolve("/device-connector/enroll"))
                        .header("Authorization", "Bearer " + ENROLL_TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))).status == 200) {
                    acknowledged++;
                }
            }
            server.kill();
            try (UmsProcess again = server("server-kill", List.of())) {
                URI b = URI.create(again.url());
                HttpClient h = client(PinnedTrust.fingerprint(again.fingerprint()).sslContext());
                login(h, b, "admin", ADMIN_PASSWORD);
                String devices = send(h, HttpRequest.newBuilder(b.resolve("/umsapi/v3/thinclients")).GET()).body;
                String tokens = send(h, HttpRequest.newBuilder(b.resolve("/umsapi/v3/enrollmenttokens")).GET()).body;
                kept = count(devices, "\"unit-kill-");
                tokensKept = count(tokens, "\"createdBy\"");
            }
        }
        row("Acknowledged writes over " + killRounds + " rounds of `kill -9` right after the last answer (embedded H2)",
                kept + " of " + acknowledged + " acknowledged enrollments and " + tokensKept + " of " + tokensAcknowledged
                        + " acknowledged enrollment tokens present after the restarts");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).cookieHandler(new java.net.CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static Answer login(HttpClient http, URI base, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(http, HttpRequest.newBuilder(base.resolve("/umsapi/v3/login"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private record Answer(int status, long nanos, String body) {
    }

    private static Answer send(HttpClient http, HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), System.nanoTime() - start, r.body());
        } catch (IOException e) {
            return new Answer(-1, System.nanoTime() - start, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, System.nanoTime() - start, "");
        }
    }

    private void row(String attack, String figure) {
        md.append("| ").append(attack).append(" | ").append(figure).append(" |\n");
        System.err.println(attack + ": " + figure);
    }

    /** Answer times of one kind of request, with how they were answered. */
    private static final class Latencies {
        private final List<Long> millis = new ArrayList<>();
        private final java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();

        void add(Answer a) {
            millis.add(a.nanos / 1_000_000);
            statuses.merge(a.status, 1, Integer::sum);
        }

        String summary() {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            long median = sorted.get(sorted.size() / 2);
            long max = sorted.get(sorted.size() - 1);
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "median %d ms, max %d ms over %d requests (",
                    median, max, sorted.size()));
            statuses.forEach((status, n) -> s.append(n).append("× ").append(status == -1 ? "no answer" : status)
                    .append(", "));
            s.setLength(s.length() - 2);
            return s.append(")").toString();
        }
    }
}
