package dev.ums.bench.cluster;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.testkit.device.DeviceFleet;
import dev.ums.testkit.device.DeviceServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM holding part of {@link ClusterBenchmark}'s simulated fleet, for fleets larger than one process may
 * hold sockets for (the open-files limit). Started by {@link DeviceHostProcess} with its arguments: the node to enroll
 * with, its fingerprint, the enrollment token, the number of the first device and of the first source address, how
 * many devices, and the load balancers' URLs (comma separated; device {@code i} dials the {@code i mod n}th). It
 * enrolls its devices, prints {@code enrolled <n>}, waits for the line {@code connect} on its input, then connects
 * them with heartbeats and reconnection as the benchmark's own, prints {@code online <n>} every second, and ends when
 * its input closes. Runs on its main thread; a daemon thread prints the counts.
 */
public final class DeviceHost {
    private DeviceHost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: DeviceHost enrollUrl fingerprint enrollmentToken firstDevice "
                    + "firstAddress count balancerUrl[,balancerUrl…]");
        }
        String enrollUrl = args[0];
        String fingerprint = args[1];
        int first = Integer.parseInt(args[3]);
        int firstAddress = Integer.parseInt(args[4]);
        int count = Integer.parseInt(args[5]);
        List<String> balancers = Arrays.asList(args[6].split(","));
        SourceAddresses sources = new SourceAddresses(Integer.getInteger("bench.devicesPerAddress", 8));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        ExecutorService deviceThreads = Executors.newFixedThreadPool(8);
        List<DeviceServer> clients = new ArrayList<>();
        for (int i = 0; i < sources.count(count); i++) {
            clients.add(new DeviceServer(enrollUrl, sources.bind(HttpClient.newBuilder(), firstAddress + i)
                    .sslContext(PinnedTrust.fingerprint(fingerprint).sslContext())
                    .connectTimeout(Duration.ofSeconds(30)).executor(deviceThreads).build()));
        }
        DeviceFleet fleet = DeviceFleet.enroll(i -> clients.get(sources.distinct() ? i / sources.perAddress()
                : i % clients.size()), args[2], first, count, scheduler);
        fleet.beatEvery(scheduler, Duration.ofSeconds(20));
        System.out.println("enrolled " + fleet.devices().size());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("connect")) {
            // only "connect" starts the devices
        }
        if (line != null) {
            scheduler.scheduleAtFixedRate(() -> System.out.println("online " + fleet.counters().online()),
                    1, 1, TimeUnit.SECONDS);
            fleet.connect(fleet.devices(), i -> balancers.get(i % balancers.size()), Duration.ofMinutes(10));
            while (in.readLine() != null) {
                // held until the benchmark closes this input
            }
        }
        fleet.close();
        scheduler.shutdownNow();
        deviceThreads.shutdownNow();
        System.exit(0);
    }
}
