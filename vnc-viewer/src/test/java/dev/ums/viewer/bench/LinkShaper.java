package dev.ums.viewer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Limits the bandwidth between Xvnc and each viewer's relay with {@code tc tbf} on the loopback interface of the
 * network namespace the benchmark runs in ({@code unshare -n}; it ends with the benchmark, so nothing is left on
 * the machine). An HTB root sorts packets into classes by address with {@code u32} filters; each relay connects from a loopback address of its own; traffic to that address (downstream) and
 * from it (upstream) each pass their own token bucket at the profile's rate, so every viewer has a full-duplex
 * link of its own. The loopback MTU is set to Ethernet's 1500 bytes so the buckets see packets of a real link's
 * size. Called from the benchmark's main thread only.
 */
final class LinkShaper {
    private final List<String> sources;

    private LinkShaper(List<String> sources) {
        this.sources = sources;
    }

    /**
     * Prepares the namespace's loopback for relays connecting from {@code sources}; refuses to run outside a
     * namespace of its own (more interfaces than {@code lo}), so the machine's own network is never touched.
     */
    static LinkShaper inOwnNamespace(List<String> sources) throws IOException, InterruptedException {
        String links = run("ip", "-o", "link", "show");
        if (links.lines().count() != 1 || !links.contains(" lo:")) {
            throw new IOException("The WAN benchmark shapes the loopback interface and must run in a network "
                    + "namespace of its own (unshare -n); this one has: " + links.lines().toList());
        }
        run("ip", "link", "set", "lo", "mtu", "1500");
        run("ip", "link", "set", "lo", "up");
        return new LinkShaper(sources);
    }

    /** Every relay's link at {@code bitsPerSecond} in each direction, replacing the previous profile. */
    void rate(long bitsPerSecond) throws IOException, InterruptedException {
        runAllowingFailure("tc", "qdisc", "del", "dev", "lo", "root");
        // An HTB root only to sort packets into classes (every class far faster than any profile); the token
        // buckets under the classes do the shaping. (This kernel has no prio qdisc.)
        run("tc", "qdisc", "add", "dev", "lo", "root", "handle", "1:", "htb", "default", "1");
        for (int band = 1; band <= 1 + 2 * sources.size(); band++) {
            run("tc", "class", "add", "dev", "lo", "parent", "1:", "classid", "1:" + band, "htb", "rate", "10gbit");
        }
        long burstBytes = Math.max(4000, bitsPerSecond / 8 / 100);
        int band = 2;
        for (String source : sources) {
            for (String field : List.of("dst", "src")) {
                run("tc", "qdisc", "add", "dev", "lo", "parent", "1:" + band, "handle", band + "0:", "tbf",
                        "rate", bitsPerSecond + "bit", "burst", Long.toString(burstBytes), "latency", "100ms");
                run("tc", "filter", "add", "dev", "lo", "parent", "1:", "protocol", "ip", "prio", "1", "u32",
                        "match", "ip", field, source + "/32", "flowid", "1:" + band);
                band++;
            }
        }
    }

    /** What {@code tc -s qdisc} says about the buckets (bytes sent, drops), for the benchmark's log. */
    String statistics() throws IOException, InterruptedException {
        return run("tc", "-s", "qdisc", "show", "dev", "lo");
    }

    static String describe(long bitsPerSecond) {
        return bitsPerSecond % 1_000_000 == 0 ? bitsPerSecond / 1_000_000 + " Mbit/s"
                : String.format(Locale.ROOT, "%.1f Mbit/s", bitsPerSecond / 1e6);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
        return out;
    }

    private static void runAllowingFailure(String... command) throws IOException, InterruptedException {
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
