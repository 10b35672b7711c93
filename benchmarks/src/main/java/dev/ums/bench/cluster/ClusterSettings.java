package dev.ums.bench.cluster;

import java.nio.file.Path;

/**
 * The cluster benchmark's settings, from {@code -Dbench.*} system properties (benchmarks/cluster.sh passes its
 * arguments on): sizes, durations, the database, the nodes' JVM and arguments, HAProxy, and how the simulated devices
 * dial. Constants, read once; any thread.
 */
final class ClusterSettings {
    static final int DEVICES = Integer.getInteger("bench.devices", 10_000);
    /**
     * Devices per node through HAProxy: one HAProxy process needs two open files per connection, and where the hard
     * limit of open files is 20,000 (a container without CAP_SYS_RESOURCE) it carries at most about 9,900.
     */
    static final int BALANCED = Integer.getInteger("bench.balancedDevices", 4_900);
    static final int STEADY_SECONDS = Integer.getInteger("bench.steadySeconds", 60);
    static final int LATENCY_STARTS = Integer.getInteger("bench.latencyStarts", 200);
    static final int THROUGHPUT_SECONDS = Integer.getInteger("bench.throughputSeconds", 30);
    static final int THROUGHPUT_CONSOLES = Integer.getInteger("bench.throughputConsoles", 8);
    static final String DB_URL = System.getProperty("bench.db");
    static final String DB_USER = System.getProperty("bench.dbUser", "ums");
    static final String NODE_HEAP = System.getProperty("bench.nodeHeap", "2g");
    /** Where the memory of part 1 goes: nodes with native memory tracking, part 1 only, jcmd's reports. */
    static final boolean PROFILE = Boolean.getBoolean("bench.profile");
    /**
     * Part 4 with JFR recordings of the surviving node: of the device list's polls before the kill, and from the kill
     * until its devices are back.
     */
    static final boolean PROFILE_FAILOVER = Boolean.getBoolean("bench.profileFailover");
    /**
     * The JFR settings of that recording: a name the node's JDK knows ("profile", "default") or the path of a .jfc
     * file, e.g. one sampling the threads every millisecond.
     */
    static final String PROFILE_SETTINGS = System.getProperty("bench.profileSettings", "profile");
    /**
     * Part 4 with a JFR recording ("profile" settings) of the benchmark's own JVM, which holds the devices, from the
     * kill until the survivor holds them all.
     */
    static final boolean PROFILE_DEVICES = Boolean.getBoolean("bench.profileDevices");
    /** Which parts to run (1 to 4, comma separated); 4 needs 2. */
    static final String PARTS = System.getProperty("bench.parts", "1,2,3,4");
    /** Further arguments for each node's `ums server`, separated by spaces (tuned runs only). */
    static final String NODE_ARGS = System.getProperty("bench.nodeArgs", "");
    /** Further JVM options for each node, separated by spaces (diagnostics such as {@code -Xlog:gc*}, tuned runs). */
    static final String NODE_JVM = System.getProperty("bench.nodeJvm", "");
    /**
     * Devices per loopback source address ({@link SourceAddresses}); HAProxy passes the devices' addresses on to the
     * nodes' load balancer ports with the PROXY protocol.
     */
    static final SourceAddresses SOURCES =
            new SourceAddresses(Integer.getInteger("bench.devicesPerAddress", 8));
    /** The Java the nodes run on (the benchmark's own may be a newer one, for {@link SourceAddresses}). */
    static final String NODE_JAVA = System.getProperty("bench.nodeJava",
            Path.of(System.getProperty("java.home"), "bin", "java").toString());
    /**
     * The processors of each node, separated by slashes ({@code 0/1}: node 1 on processor 0, node 2 on processor 1),
     * each given to {@code taskset -c}; empty for no pinning. {@code CLUSTER_PIN=1} of {@code cluster.sh} sets it
     * and pins everything else (this JVM, the devices, HAProxy, PostgreSQL) to processor 0.
     */
    static final String[] NODE_CPUS = System.getProperty("bench.nodeCpus", "").isBlank() ? new String[0]
            : System.getProperty("bench.nodeCpus").trim().split("/");
    /**
     * Further lines for HAProxy's backend, separated by semicolons (tuned runs only), e.g.
     * {@code option redispatch}.
     */
    static final String HAPROXY_LINES = System.getProperty("bench.haproxy", "");
    /**
     * HAProxy processes sharing part 2's devices (device {@code i} through the {@code i mod n}th): one process needs
     * two open files per connection, so 2 × 10,000 devices under a limit of 20,000 open files need three.
     */
    static final int HAPROXIES = Integer.getInteger("bench.haproxies", 1);
    /**
     * JVMs holding the simulated devices: with 2, a {@link DeviceHost} holds half of part 2's devices, so that no
     * process needs more sockets than the open-files limit allows.
     */
    static final int DEVICE_JVMS = Integer.getInteger("bench.deviceJvms", 1);
    /**
     * Seconds after which a simulated device gives up a dial (TCP, TLS, upgrade) and tries again after its delays,
     * as the device agent does after 4 s; 0: only the HTTP client's 30 s connect limit, as before.
     */
    static final int DIAL_LIMIT_SECONDS = Integer.getInteger("bench.dialLimitSeconds", 0);
    /**
     * With a dial limit, the longest it grows to: each dial in a row that ran out of time doubles the next one's, as
     * the device agent's 4 s do up to 32 s; equal to {@link #DIAL_LIMIT_SECONDS} for a fixed limit.
     */
    static final int MAX_DIAL_LIMIT_SECONDS = Integer.getInteger("bench.maxDialLimitSeconds", 32);
    /**
     * What a device does after losing its link, as the agent does: "both" (its first delay spread over 0.75–3.75 s
     * and its first dial limit doubled), "spread", "dial", or "none" (the delays and limit of a fresh start).
     */
    static final String AFTER_LOSS = System.getProperty("bench.afterLoss", "both");
    /**
     * How often the failover asks the survivor for its device list, as an administrator's console does: its default
     * poll is 3 s. Each answer costs the survivor CPU per listed device, so a faster poll slows the failover it times.
     */
    static final int LIST_POLL_MILLIS = Integer.getInteger("bench.listPollMillis", 3000);

    private ClusterSettings() {
    }
}
