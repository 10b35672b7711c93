package dev.ums.testkit.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Many idle {@link FakeDevice}s for a benchmark: enrolled for real (16 at a time), named {@code sim-<i>} with unit
 * ids {@code SIM<i>}, sharing one {@link DeviceServer} client (or a few) and one {@link DeviceCounters}; they greet
 * accepted tunnels ({@link TunnelUse#greet()}). Connects them 64 handshakes at a time and sends their heartbeats spread
 * over the interval, as real agents do. Called from the benchmark's main thread; the devices' callbacks run on the
 * HTTP client's threads and the heartbeats on the given scheduler.
 */
public final class DeviceFleet implements AutoCloseable {
    private static final int ENROLLING_AT_ONCE = 16;
    private static final int DIALLING_AT_ONCE = 64;

    private final List<FakeDevice> devices;
    private final DeviceCounters counters;
    private volatile ScheduledFuture<?> beats;

    private DeviceFleet(List<FakeDevice> devices, DeviceCounters counters) {
        this.devices = List.copyOf(devices);
        this.counters = counters;
    }

    /**
     * Enrolls {@code count} devices with {@code server}. With a {@code reconnector} each device dials again after
     * the agent's delays when its link drops; with null a failed dial stays failed.
     */
    public static DeviceFleet enroll(DeviceServer server, String enrollmentToken, int count,
                                     ScheduledExecutorService reconnector) throws Exception {
        return enroll(List.of(server), enrollmentToken, count, reconnector);
    }

    /**
     * As {@link #enroll(DeviceServer, String, int, ScheduledExecutorService)}, device {@code i} through
     * {@code clients.get(i % clients.size())}: several HTTP clients spread the devices' TLS over several selector
     * threads.
     */
    public static DeviceFleet enroll(List<DeviceServer> clients, String enrollmentToken, int count,
                                     ScheduledExecutorService reconnector) throws Exception {
        List<DeviceServer> all = List.copyOf(clients);
        return enroll(i -> all.get(i % all.size()), enrollmentToken, count, reconnector);
    }

    /**
     * As {@link #enroll(DeviceServer, String, int, ScheduledExecutorService)}, device {@code i} through
     * {@code clientOf.apply(i)}, for enrollment and all its links: a benchmark gives groups of devices clients bound
     * to their own source addresses.
     */
    public static DeviceFleet enroll(IntFunction<DeviceServer> clientOf, String enrollmentToken, int count,
                                     ScheduledExecutorService reconnector) throws Exception {
        return enroll(clientOf, enrollmentToken, 0, count, reconnector);
    }

    /**
     * As {@link #enroll(IntFunction, String, int, ScheduledExecutorService)}, the devices numbered from
     * {@code first} on ({@code sim-<first>}, …): several fleets, in several processes, share one server without
     * sharing a name or unit id.
     */
    public static DeviceFleet enroll(IntFunction<DeviceServer> clientOf, String enrollmentToken, int first, int count,
                                     ScheduledExecutorService reconnector) throws Exception {
        DeviceCounters counters = new DeviceCounters();
        Semaphore inFlight = new Semaphore(ENROLLING_AT_ONCE);
        List<CompletableFuture<FakeDevice>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            int n = first + i;
            futures.add(FakeDevice.enroll(clientOf.apply(i), enrollmentToken, "sim-" + n, "SIM" + n)
                    .whenComplete((device, err) -> inFlight.release()));
        }
        List<FakeDevice> devices = new ArrayList<>();
        for (CompletableFuture<FakeDevice> f : futures) {
            FakeDevice device = f.get(10, TimeUnit.MINUTES).tunnels(TunnelUse.greet()).counting(counters);
            devices.add(reconnector == null ? device : device.reconnecting(reconnector));
        }
        return new DeviceFleet(devices, counters);
    }

    public List<FakeDevice> devices() {
        return devices;
    }

    public DeviceCounters counters() {
        return counters;
    }

    /**
     * Dials {@code these} at {@code baseUrl} and waits until all are online, or, without reconnection, until each
     * is online or failed; at most {@code limit}. Answers the seconds it took.
     */
    public double connect(List<FakeDevice> these, String baseUrl, Duration limit) throws InterruptedException {
        return connect(these, i -> baseUrl, limit);
    }

    /**
     * As {@link #connect(List, String, Duration)}, the {@code i}th of {@code these} dialling
     * {@code baseUrlOf.apply(i)}: a fleet spread over several load balancers.
     */
    public double connect(List<FakeDevice> these, IntFunction<String> baseUrlOf, Duration limit)
            throws InterruptedException {
        int target = counters.online() + these.size();
        Semaphore inFlight = new Semaphore(DIALLING_AT_ONCE);
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        for (int i = 0; i < these.size(); i++) {
            inFlight.acquire();
            these.get(i).dial(baseUrlOf.apply(i)).whenComplete((ok, err) -> {
                inFlight.release();
                if (err != null) {
                    failed.incrementAndGet();
                }
            });
        }
        boolean retrying = these.stream().anyMatch(FakeDevice::isReconnecting);
        long deadline = start + limit.toNanos();
        while (counters.online() + (retrying ? 0 : failed.get()) < target && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Waits until exactly {@code count} devices are online, at most {@code limit}. */
    public void awaitOnline(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (counters.online() != count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /**
     * From now on each online device sends a heartbeat every {@code interval}: once a second a share of the fleet,
     * so that the beats spread evenly over the interval.
     */
    public void beatEvery(ScheduledExecutorService scheduler, Duration interval) {
        int ticks = (int) Math.max(1, interval.toSeconds());
        AtomicLong tick = new AtomicLong();
        beats = scheduler.scheduleAtFixedRate(() -> {
            int t = (int) (tick.getAndIncrement() % ticks);
            for (int i = t; i < devices.size(); i += ticks) {
                devices.get(i).heartbeat();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops the heartbeats and drops every link without reconnecting. */
    @Override
    public void close() {
        ScheduledFuture<?> b = beats;
        if (b != null) {
            b.cancel(false);
        }
        devices.forEach(FakeDevice::close);
    }
}
