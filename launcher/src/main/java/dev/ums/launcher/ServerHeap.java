package dev.ums.launcher;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heap settings {@code ums server} runs with unless the JVM was started with its own: G1 gives back heap it
 * committed for a burst of garbage (a reconnect storm's TLS handshakes) once the burst is over. With the JVM's
 * defaults G1 keeps up to 70 % of its heap free and collects only when the young generation fills, which an idle
 * fleet's heartbeats take minutes to do: a node that took 10,000 devices at once held about three times their live
 * heap for good (docs/BENCHMARKS.md "Scale-out"). Here a concurrent collection runs after 30 s without one, and the
 * heap is shrunk to keep at most 30 % free. All three are manageable flags, set at run time; a flag given on the
 * command line ({@code -XX:…}) wins. G1 of Java 17 shrinks only after a concurrent cycle or a full collection, and
 * its periodic collection never comes while heartbeats keep the young generation filling; so the thread
 * {@code ums-heap-trim} checks every 30 s and, when more than three times the heap that survived the last
 * collection (and 128 MiB more than it) is committed, the heap did not grow for 30 s and at most
 * {@value #QUIET_YOUNG_COLLECTIONS} young collections ran in those 30 s, asks for a full collection (a pause of a few
 * hundred milliseconds for 10,000 devices, which only delays their heartbeats; after it the heap keeps at most 30 %
 * free, so it comes again only after the heap grew again). The last condition keeps it out of a burst that began
 * on a heap already large (a reconnect storm after a quiet hour, whose handshakes make a young collection every
 * second or two): a full collection there stops every handshake for a second and leaves the storm a heap too small
 * for it (docs/BENCHMARKS.md "Scale-out"). Called once by
 * {@link ServerCommand} on the main thread before the server starts.
 */
final class ServerHeap {
    private static final Logger LOG = LoggerFactory.getLogger(ServerHeap.class);
    /**
     * Young collections in 30 s up to which the server counts as quiet: heartbeats of an idle fleet fill the young
     * generation every few minutes, a burst of connections every second or two.
     */
    static final int QUIET_YOUNG_COLLECTIONS = 2;
    /** Set in this order: the minimum must never exceed the maximum in between. */
    static final Map<String, String> DEFAULTS = defaults();

    private ServerHeap() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("MinHeapFreeRatio", "10");
        m.put("MaxHeapFreeRatio", "30");
        m.put("G1PeriodicGCInterval", "30000");
        return m;
    }

    /** Applies {@link #DEFAULTS} to flags the command line left alone, when the JVM runs G1; answers what it set. */
    static Map<String, String> apply() {
        Map<String, String> set = new LinkedHashMap<>();
        if (!runsG1()) {
            return set;
        }
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (Map.Entry<String, String> flag : DEFAULTS.entrySet()) {
            try {
                VMOption option = vm.getVMOption(flag.getKey());
                if (option.isWriteable() && option.getOrigin() == VMOption.Origin.DEFAULT) {
                    vm.setVMOption(flag.getKey(), flag.getValue());
                    set.put(flag.getKey(), flag.getValue());
                }
            } catch (IllegalArgumentException e) {
                // a JVM without this flag or refusing the value: its own default stays
                LOG.debug("heap flag {} not set: {}", flag.getKey(), e.getMessage());
            }
        }
        LOG.debug("heap flags set for the server: {}", set);
        return set;
    }

    /** Starts the daemon thread {@code ums-heap-trim}, when {@link #apply()} set the shrinking ratio. */
    static void startTrimming() {
        Thread t = new Thread(ServerHeap::trimLoop, "ums-heap-trim");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Whether a heap with {@code committed} bytes, of which {@code survived} survived the last collection, holds so
     * much free memory that a full collection should give it back.
     */
    static boolean bloated(long committed, long survived) {
        return committed > 3 * survived && committed - survived > 128L << 20;
    }

    /** Whether {@code youngCollections} in the last 30 s leave the server quiet enough for a full collection. */
    static boolean quiet(long youngCollections) {
        return youngCollections <= QUIET_YOUNG_COLLECTIONS;
    }

    private static void trimLoop() {
        long lastCommitted = -1;
        long lastYoung = youngCollections();
        while (true) {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                return;
            }
            long committed = 0;
            long survived = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() != MemoryType.HEAP) {
                    continue;
                }
                committed += pool.getUsage().getCommitted();
                MemoryUsage after = pool.getCollectionUsage();
                if (after != null && !pool.getName().contains("Eden")) {
                    survived += after.getUsed();
                }
            }
            // a heap still growing serves a burst that is not over yet
            boolean settled = committed == lastCommitted;
            lastCommitted = committed;
            long young = youngCollections();
            boolean quiet = quiet(young - lastYoung);
            lastYoung = young;
            if (settled && quiet && bloated(committed, survived)) {
                LOG.info("giving back unused heap: {} MiB committed, {} MiB in use after the last collection",
                        committed >> 20, survived >> 20);
                System.gc();
                lastCommitted = -1;
                lastYoung = youngCollections();
            }
        }
    }

    /** The young (and mixed) collections G1 ran so far. */
    private static long youngCollections() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().equals("G1 Young Generation")) {
                count += gc.getCollectionCount();
            }
        }
        return count;
    }

    private static boolean runsG1() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().startsWith("G1 ")) {
                return true;
            }
        }
        return false;
    }
}
